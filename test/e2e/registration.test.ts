/**
 * Dynamic registration in real Chromium: the LMS's admin page (the emulator, on 127.0.0.1) frames
 * Upstream's registration page (on localhost, another site). The page must be frameable by the
 * platform that is registering, before that platform exists, or its close message never arrives
 * and Moodle's panel stays a blank box.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { frameOrigins, removePlatform } from '../../server/lti/platforms.js';
import { PlatformRegistration } from '../../server/models/platformRegistration.js';
import { invite } from '../helpers/invitation.js';
import { useUpstream } from '../helpers/upstream.js';
import { axeViolations, openBrowser, screenshot } from './browser.js';

const upstream = useUpstream({ EMULATOR: 'on' });

// Each test is a first registration: a platform registered before (the emulator's own, registered
// at start, or the previous test's) would let the emulator's site frame Upstream already, which a
// new Moodle's site cannot.
beforeEach(async () => {
  for (const platform of await PlatformRegistration.find().lean())
    await removePlatform(platform.issuer, platform.clientId);
  expect((await frameOrigins()).some((origin) => origin.includes('127.0.0.1'))).toBe(false);
});

describe('registering Upstream from the LMS', () => {
  it.each([
    ['moodle', 'Add LTI Advantage'],
    ['canvas', 'Install app'],
  ])(
    'closes the %s registration panel once Upstream is registered, framed from another site',
    async (profile, button) => {
      const browser = await openBrowser();
      try {
        const page = await browser.context.newPage();
        const refused: string[] = [];
        page.on('console', (message) => {
          if (/frame-ancestors|Refused to frame/i.test(message.text()))
            refused.push(message.text());
        });
        await page.goto(`${upstream.emulator}/registrations?profile=${profile}`);
        await page.getByLabel('Tool registration URL').fill((await invite(upstream)).url);
        await page.getByRole('button', { name: button }).click();
        // The emulator returns to its list of tools only when the framed page posts
        // org.imsglobal.lti.close.
        await page.waitForURL(/registered=1/, { timeout: 30_000 });
        expect(refused).toEqual([]);
        expect(await PlatformRegistration.countDocuments({ source: 'dynamic' })).toBe(1);
        await screenshot(page, `registration-${profile}-closed`);
        expect(await axeViolations(page.mainFrame())).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
