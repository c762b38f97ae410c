import { describe, expect, it } from 'vitest';
import { freshnessOf, mergeRecent, parseRecentProfiles } from '../../../extension/storage/recent-profiles';
import { mergeCredentials, parseCredentials } from '../../../extension/storage/session-credentials';
import type { LoginRecord, ProfileResult } from '../../../extension/storage/login-record';
import { timeLeft } from '../../../extension/show/popup/time-left';

const result = (profile: string, extra: Partial<ProfileResult> = {}): ProfileResult => ({
  profile,
  roleArn: `arn:aws:iam::111122223333:role/${profile}`,
  accountId: '111122223333',
  roleName: profile,
  partition: 'aws',
  state: 'written',
  expiration: '2030-01-01T01:00:00Z',
  notes: [],
  ...extra,
});
const record = (id: string, results: ProfileResult[]): LoginRecord => ({ id, at: `2030-01-01T00:00:0${id}Z`, signinUrl: 'x', state: 'done', results });

describe('recent profiles', () => {
  it('puts the newest login first, one entry per profile name', () => {
    const first = mergeRecent([], record('1', [result('a'), result('b')]));
    const second = mergeRecent(first, record('2', [result('b', { state: 'failed' }), result('c')]));
    expect(second.map((p) => [p.profile, p.loginId, p.state])).toEqual([
      ['b', '2', 'failed'],
      ['c', '2', 'written'],
      ['a', '1', 'written'],
    ]);
  });

  it('keeps the identity provider each profile came from, for "Sign in again"', () => {
    const merged = mergeRecent([], { ...record('1', [result('a')]), issuer: 'http://www.okta.com/exk1' });
    expect(merged[0]).toMatchObject({ profile: 'a', issuer: 'http://www.okta.com/exk1' });
    expect(mergeRecent([], record('2', [result('b')]))[0]).not.toHaveProperty('issuer');
  });

  it('drops stored entries that are not profiles', () => {
    expect(parseRecentProfiles([{ profile: 'a' }, null, 'x', { ...result('ok'), loginId: '1', at: 'now' }])).toHaveLength(1);
    expect(parseRecentProfiles({})).toEqual([]);
  });

  it.each([
    [{ state: 'written', expiration: '2030-01-01T01:00:00Z' }, 'fresh'],
    [{ state: 'written', expiration: '2030-01-01T00:15:00Z' }, 'expiring'],
    [{ state: 'unwritten', expiration: '2030-01-01T00:00:00Z' }, 'expired'],
    [{ state: 'failed' }, 'failed'],
    [{ state: 'refused', expiration: '2030-01-01T01:00:00Z' }, 'failed'],
  ] as const)('%j is %s', (profile, expected) => {
    expect(freshnessOf(profile, Date.parse('2030-01-01T00:00:00Z'))).toBe(expected);
  });
});

describe('session credentials', () => {
  const creds = (name: string, expiration: string) => ({ name, accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration });
  it('replaces by profile name and forgets expired ones', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const merged = mergeCredentials({ old: creds('old', '2029-01-01T00:00:00Z'), a: creds('a', '2030-01-01T01:00:00Z') }, [creds('a', '2030-01-01T02:00:00Z'), creds('b', '2030-01-01T01:00:00Z')], now);
    expect(Object.keys(merged)).toEqual(['a', 'b']);
    expect(merged.a!.expiration).toBe('2030-01-01T02:00:00Z');
  });

  it('reads only complete entries from storage', () => {
    expect(parseCredentials({ a: creds('a', 'x'), b: { name: 'b' }, c: null })).toEqual({ a: creds('a', 'x') });
  });
});

describe('timeLeft', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');
  it.each([
    ['2030-01-01T02:05:30Z', 'in 2 h 05 min'],
    ['2030-01-01T00:14:09Z', 'in 14 min 09 s'],
    ['2029-12-31T23:57:00Z', 'expired 3 min ago'],
    ['2029-12-31T22:00:00Z', 'expired 2 h 00 min ago'],
    ['2029-12-31T23:59:59Z', 'expired just now'],
    ['not a time', 'expiry unknown'],
  ])('%s → %s', (expiration, text) => {
    expect(timeLeft(expiration, now)).toBe(text);
  });
});
