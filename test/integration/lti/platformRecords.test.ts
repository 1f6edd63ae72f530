/**
 * One platform record: Upstream's PlatformRegistration is the truth, ltijs's platform record is
 * derived from it, and start-up refuses, in one line, to run when the two disagree.
 */
import { describe, expect, it } from 'vitest';
import {
  activatePlatform,
  listPlatforms,
  savePlatform,
  type PlatformInput,
} from '../../../server/lti/platforms.js';
import { checkPlatformRecords, ltijs } from '../../../server/lti/provider.js';
import { PlatformRegistration } from '../../../server/models/platformRegistration.js';
import { useUpstream } from '../../helpers/upstream.js';

useUpstream({ EMULATOR: 'off' });

let registered = 0;
/** A new platform's input, on a host of its own so that tests do not see each other's. */
function newPlatform(): PlatformInput {
  const host = `https://lms${++registered}.records.example.edu`;
  return {
    issuer: host,
    clientId: `client-${registered}`,
    name: `Records ${registered}`,
    authUrl: `${host}/auth`,
    tokenUrl: `${host}/token`,
    jwksUrl: `${host}/jwks`,
    deploymentIds: ['1'],
    source: 'cli',
  };
}

/** What ltijs holds for a platform: its endpoints and its active flag. */
async function ltijsCopy(input: PlatformInput) {
  const platform = await ltijs().getPlatform(input.issuer, input.clientId);
  if (!platform) return undefined;
  return {
    authUrl: await platform.platformAuthenticationEndpoint(),
    tokenUrl: await platform.platformAccessTokenEndpoint(),
    jwksUrl: (await platform.platformAuthConfig()).key,
    active: await platform.platformActive(),
  };
}

describe('one platform record', () => {
  it("saving a platform writes Upstream's record and derives ltijs's from it", async () => {
    const input = newPlatform();
    await savePlatform(input);
    expect(await PlatformRegistration.findOne({ issuer: input.issuer }).lean()).toMatchObject({
      authUrl: input.authUrl,
      tokenUrl: input.tokenUrl,
      active: false,
    });
    expect(await ltijsCopy(input)).toEqual({
      authUrl: input.authUrl,
      tokenUrl: input.tokenUrl,
      jwksUrl: input.jwksUrl,
      active: false,
    });

    await activatePlatform(input.issuer, input.clientId);
    expect((await ltijsCopy(input))?.active).toBe(true);
    expect((await listPlatforms()).find((p) => p.issuer === input.issuer)).toMatchObject({
      active: true,
      authUrl: input.authUrl,
    });
    await expect(checkPlatformRecords(ltijs())).resolves.toBeUndefined();
  });

  it('start-up names, in one line, a platform whose ltijs record was changed behind its back', async () => {
    const input = newPlatform();
    await savePlatform({ ...input, active: true });
    const platform = await ltijs().getPlatform(input.issuer, input.clientId);
    if (!platform) throw new Error('ltijs has no record of the platform just saved');
    await platform.platformActive(false);
    await ltijs().registerPlatform({
      url: input.issuer,
      clientId: input.clientId,
      name: input.name,
      authenticationEndpoint: `${input.issuer}/elsewhere`,
      accesstokenEndpoint: input.tokenUrl,
      authorizationServer: input.tokenUrl,
      authConfig: { method: 'JWK_SET', key: input.jwksUrl },
    });
    const failure = checkPlatformRecords(ltijs());
    await expect(failure).rejects.toThrow(
      `${input.issuer} ${input.clientId}: ltijs has another login URL, active flag`,
    );
    await expect(failure).rejects.toThrow(/^[^\n]+$/);

    // Saving the platform again (what the message tells the administrator) mends it.
    await savePlatform({ ...input, active: true });
    await expect(checkPlatformRecords(ltijs())).resolves.toBeUndefined();
  });

  it('start-up names a platform only one side knows', async () => {
    const input = newPlatform();
    await savePlatform(input);
    await PlatformRegistration.deleteOne({ issuer: input.issuer });
    await expect(checkPlatformRecords(ltijs())).rejects.toThrow(
      `${input.issuer} ${input.clientId}: only ltijs has a record of it`,
    );
    await ltijs().deletePlatform(input.issuer, input.clientId);
    await expect(checkPlatformRecords(ltijs())).resolves.toBeUndefined();
  });

  it('a registration made before Upstream kept the endpoints takes them from ltijs once', async () => {
    const input = newPlatform();
    await savePlatform({ ...input, active: true });
    await PlatformRegistration.updateOne(
      { issuer: input.issuer },
      { $unset: { authUrl: 1, tokenUrl: 1, jwksUrl: 1, active: 1 } },
    );
    await checkPlatformRecords(ltijs());
    expect(await PlatformRegistration.findOne({ issuer: input.issuer }).lean()).toMatchObject({
      authUrl: input.authUrl,
      tokenUrl: input.tokenUrl,
      jwksUrl: input.jwksUrl,
      active: true,
    });
  });
});
