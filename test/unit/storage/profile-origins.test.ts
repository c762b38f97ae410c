import { describe, expect, it } from 'vitest';
import { MAX_PROFILE_ORIGINS, mergeOrigins, parseProfileOrigins } from '../../../extension/storage/profile-origins';
import type { LoginRecord } from '../../../extension/storage/login-record';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';

const login = (at: string, results: Partial<LoginRecord['results'][number]>[], issuer?: string): LoginRecord => ({
  id: at,
  at,
  signinUrl: 'https://signin.aws.amazon.com/saml',
  state: 'done',
  ...(issuer ? { issuer } : {}),
  results: results.map((result) => ({ profile: 'p', roleArn: ADMIN, accountId: '111122223333', roleName: 'Admin', partition: 'aws', state: 'written', notes: [], ...result })),
});

describe('where each profile comes from', () => {
  it('keeps the role, the role it is chained from, and the identity provider of every profile a login wrote, and only those', () => {
    const origins = mergeOrigins({}, login('2030-01-01T00:00:00Z', [{ profile: 'admin' }, { profile: 'deploy', roleArn: DEPLOY, via: ADMIN }, { profile: 'broken', state: 'failed' }], 'urn:okta'));
    expect(origins).toEqual({
      admin: { roleArn: ADMIN, issuer: 'urn:okta', at: '2030-01-01T00:00:00Z' },
      deploy: { roleArn: DEPLOY, via: ADMIN, issuer: 'urn:okta', at: '2030-01-01T00:00:00Z' },
    });
    const none = login('2030-01-02T00:00:00Z', [{ profile: 'x', state: 'failed' }]);
    expect(mergeOrigins(origins, none)).toBe(origins);
  });

  it('reads back only well-formed entries, newest first, at most its bound', () => {
    expect(parseProfileOrigins({ a: { roleArn: 'not an arn', at: 'x' }, b: { roleArn: ADMIN, at: '2030-01-01T00:00:00Z', via: 'nope' }, c: { roleArn: ADMIN, at: '2030-01-01T00:00:00Z' } })).toEqual({
      c: { roleArn: ADMIN, at: '2030-01-01T00:00:00Z' },
    });
    const many = Object.fromEntries(Array.from({ length: MAX_PROFILE_ORIGINS + 5 }, (_, i) => [`p${i}`, { roleArn: ADMIN, at: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString() }]));
    const kept = parseProfileOrigins(many);
    expect(Object.keys(kept)).toHaveLength(MAX_PROFILE_ORIGINS);
    expect(Object.keys(kept)[0]).toBe(`p${MAX_PROFILE_ORIGINS + 4}`);
  });
});
