import { describe, expect, it } from 'vitest';
import { withRemembered } from '../../../../extension/show/popup/remembered';
import type { RecentProfile } from '../../../../extension/storage/recent-profiles';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEV = 'arn:aws:iam::444455556666:role/Dev';

describe("the popup's list after the browser restarts", () => {
  it('lists the remembered profiles still valid, newest first, after those of this session', () => {
    const recent: RecentProfile[] = [{ profile: 'session', roleArn: ADMIN, accountId: '111122223333', roleName: 'Admin', partition: 'aws', state: 'written', expiration: '2030-01-01T13:00:00Z', notes: [], loginId: 'l', at: '2030-01-01T11:30:00Z' }];
    const origins = {
      session: { roleArn: ADMIN, at: '2030-01-01T11:30:00Z', expiration: '2030-01-01T13:00:00Z' },
      older: { roleArn: DEV, at: '2030-01-01T10:00:00Z', expiration: '2030-01-01T12:30:00Z', how: 'silent' as const, issuer: 'urn:idp' },
      newer: { roleArn: ADMIN, via: DEV, at: '2030-01-01T11:00:00Z', expiration: '2030-01-01T12:45:00Z' },
      expired: { roleArn: DEV, at: '2030-01-01T09:00:00Z', expiration: '2030-01-01T11:59:59Z' },
      unknownExpiry: { roleArn: DEV, at: '2030-01-01T09:00:00Z' },
    };
    const list = withRemembered(recent, origins, NOW);
    expect(list.map((profile) => profile.profile)).toEqual(['session', 'newer', 'older']);
    expect(list[1]).toEqual({ profile: 'newer', roleArn: ADMIN, accountId: '111122223333', roleName: 'Admin', partition: 'aws', via: DEV, state: 'written', expiration: '2030-01-01T12:45:00Z', notes: [], loginId: '', at: '2030-01-01T11:00:00Z' });
    expect(list[2]).toMatchObject({ how: 'silent', issuer: 'urn:idp', accountId: '444455556666', roleName: 'Dev' });
  });

  it('lists nothing remembered when nothing is', () => {
    expect(withRemembered([], {}, NOW)).toEqual([]);
  });
});
