/** Signed login states: what a launch accepts, and everything it must not. */
import { describe, expect, it } from 'vitest';
import {
  issueLoginState,
  LOGIN_STATE_TTL_SECONDS,
  openLoginState,
} from '../../../server/lti/loginState.js';

const KEY = 'a-test-lti-key-that-is-long-enough-000000';
const PLATFORM = { issuer: 'https://moodle.example.ac.uk', clientId: 'client-1' };
const NOW = Date.UTC(2026, 11, 6, 12);

describe('login states', () => {
  it('open for the platform they were issued for, with their nonce and facts', () => {
    const facts = { storageTarget: '_parent', origin: 'https://moodle.example.ac.uk' };
    const { state, nonce } = issueLoginState(KEY, PLATFORM, facts, NOW);
    const opened = openLoginState(KEY, state, PLATFORM, NOW + 1000);
    expect(opened).toMatchObject({ nonce, ...facts });
    expect(opened!.id).toBe(state.split('.')[0]);
    expect(opened!.expiresAt.getTime()).toBe(NOW + LOGIN_STATE_TTL_SECONDS * 1000);
    // The random id leads, so the state cookie's name (its first 16 characters) differs per login.
    const other = issueLoginState(KEY, PLATFORM, {}, NOW);
    expect(other.state.slice(0, 16)).not.toBe(state.slice(0, 16));
    expect(other.nonce).not.toBe(nonce);
  });

  it('do not open for another platform, another key, after expiry, or when any part is altered', () => {
    const { state } = issueLoginState(
      KEY,
      PLATFORM,
      { origin: 'https://moodle.example.ac.uk' },
      NOW,
    );
    const [id, facts, mac] = state.split('.') as [string, string, string];
    const flip = (part: string) => `${part.slice(0, -1)}${part.endsWith('A') ? 'B' : 'A'}`;
    const refused = [
      openLoginState(KEY, state, { ...PLATFORM, clientId: 'client-2' }, NOW),
      openLoginState(KEY, state, { ...PLATFORM, issuer: 'https://canvas.example' }, NOW),
      openLoginState(`${KEY}x`, state, PLATFORM, NOW),
      openLoginState(KEY, state, PLATFORM, NOW + LOGIN_STATE_TTL_SECONDS * 1000),
      openLoginState(KEY, `${flip(id)}.${facts}.${mac}`, PLATFORM, NOW),
      openLoginState(KEY, `${id}.${flip(facts)}.${mac}`, PLATFORM, NOW),
      openLoginState(KEY, `${id}.${facts}.${flip(mac)}`, PLATFORM, NOW),
      // Facts of another login under this login's MAC.
      openLoginState(
        KEY,
        `${id}.${issueLoginState(KEY, PLATFORM, { storageTarget: 'x' }, NOW).state.split('.')[1]}.${mac}`,
        PLATFORM,
        NOW,
      ),
      openLoginState(KEY, 'ForgedStateValueThatWasNeverIssued', PLATFORM, NOW),
      openLoginState(KEY, '', PLATFORM, NOW),
    ];
    expect(refused).toEqual(refused.map(() => null));
    expect(openLoginState(KEY, state, PLATFORM, NOW)).not.toBeNull();
  });
});
