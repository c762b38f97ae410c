import { describe, expect, it } from 'vitest';
import { keptFreshUntil, planKeepFresh, RETRY_MS, type KeepFreshState } from '../../../extension/refresh/keep-fresh';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const OKTA = 'http://www.okta.com/exk1';
const ADFS = 'urn:adfs';
const HOUR = 3600_000;
const MINUTE = 60_000;
const T0 = Date.parse('2030-01-01T08:00:00Z');
const iso = (time: number) => new Date(time).toISOString();

/** Signed in at T0 through Okta (kept fresh) and ADFS (not); each profile expires an hour after T0. */
function state(extra: Partial<KeepFreshState> = {}): KeepFreshState {
  return {
    origins: {
      okta: { roleArn: ADMIN, issuer: OKTA, at: iso(T0), expiration: iso(T0 + HOUR) },
      'okta-later': { roleArn: ADMIN, issuer: OKTA, at: iso(T0), expiration: iso(T0 + 2 * HOUR) },
      adfs: { roleArn: ADMIN, issuer: ADFS, at: iso(T0), expiration: iso(T0 + HOUR) },
      old: { roleArn: ADMIN, issuer: OKTA, at: iso(T0) },
    },
    settings: { keepFresh: [OKTA], keepFreshMinutes: 10, keepFreshHours: 12 },
    signIns: { [OKTA]: iso(T0), [ADFS]: iso(T0) },
    ended: {},
    attempts: {},
    ...extra,
  };
}

describe('keeping profiles fresh', () => {
  it("wakes for the first profile of a ticked IdP, the set time before it expires, and leaves other IdPs' alone", () => {
    expect(planKeepFresh(state(), T0)).toEqual({ due: [], next: T0 + HOUR - 10 * MINUTE });
    expect(planKeepFresh(state(), T0 + 50 * MINUTE)).toEqual({ due: ['okta'], next: T0 + 2 * HOUR - 10 * MINUTE });
    // A laptop that slept through the due time refreshes on waking, even past expiry, within the bound.
    expect(planKeepFresh(state(), T0 + 3 * HOUR)).toEqual({ due: ['okta', 'okta-later'] });
  });

  it('stops the set number of hours after the person last signed in themselves', () => {
    const late = state({ origins: { okta: { roleArn: ADMIN, issuer: OKTA, at: iso(T0), expiration: iso(T0 + 12 * HOUR + 5 * MINUTE) } } });
    // Due at 11:55 after the sign-in: renewed.
    expect(planKeepFresh(late, T0 + 11 * HOUR + 56 * MINUTE).due).toEqual(['okta']);
    // Past 12 hours: nothing, and no alarm.
    expect(planKeepFresh(late, T0 + 12 * HOUR)).toEqual({ due: [] });
    const beyond = state({ origins: { okta: { roleArn: ADMIN, issuer: OKTA, at: iso(T0), expiration: iso(T0 + 13 * HOUR) } } });
    expect(planKeepFresh(beyond, T0)).toEqual({ due: [] });
    expect(keptFreshUntil(OKTA, state())).toBe(T0 + 12 * HOUR);
  });

  it('tries no IdP whose session was found ended, or that the person never signed in through here', () => {
    expect(planKeepFresh(state({ ended: { [OKTA]: iso(T0) } }), T0 + 55 * MINUTE)).toEqual({ due: [] });
    expect(planKeepFresh(state({ signIns: {} }), T0 + 55 * MINUTE)).toEqual({ due: [] });
    expect(keptFreshUntil(OKTA, state({ ended: { [OKTA]: iso(T0) } }))).toBeUndefined();
    expect(keptFreshUntil(ADFS, state())).toBeUndefined();
  });

  it('waits after an attempt instead of trying again at once', () => {
    const tried = state({ attempts: { [OKTA]: iso(T0 + 50 * MINUTE) } });
    expect(planKeepFresh(tried, T0 + 51 * MINUTE)).toEqual({ due: [], next: T0 + 50 * MINUTE + RETRY_MS });
    expect(planKeepFresh(tried, T0 + 50 * MINUTE + RETRY_MS).due).toEqual(['okta']);
  });

  it('is not fooled by an issuer named like an Object member', () => {
    const odd = state({ origins: { p: { roleArn: ADMIN, issuer: 'constructor', at: iso(T0), expiration: iso(T0 + HOUR) } }, settings: { keepFresh: ['constructor'], keepFreshMinutes: 10, keepFreshHours: 12 }, signIns: {} });
    expect(planKeepFresh(odd, T0 + 55 * MINUTE)).toEqual({ due: [] });
  });
});
