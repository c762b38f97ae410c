import { describe, expect, it } from 'vitest';
import { dueProfiles, expiryMessage, isExpiryAlarm, plannedAlarms } from '../../../../extension/show/notifications/expiry-alarms';
import type { RecentProfile } from '../../../../extension/storage/recent-profiles';

const now = Date.parse('2030-01-01T00:00:00Z');
const profile = (name: string, expiration: string | undefined, state: RecentProfile['state'] = 'written'): RecentProfile => ({
  profile: name,
  roleArn: `arn:aws:iam::111122223333:role/${name}`,
  accountId: '111122223333',
  roleName: name,
  partition: 'aws',
  state,
  ...(expiration ? { expiration } : {}),
  notes: [],
  loginId: '1',
  at: '2030-01-01T00:00:00Z',
});

describe('expiry alarms', () => {
  const profiles = [
    profile('a', '2030-01-01T01:00:00Z'),
    profile('b', '2030-01-01T01:00:00Z'),
    profile('c', '2030-01-01T02:00:00Z'),
    profile('soon', '2030-01-01T00:05:00Z'),
    profile('unwritten', '2030-01-01T03:00:00Z', 'unwritten'),
    profile('failed', undefined, 'failed'),
  ];

  it('plans one alarm per expiry of written profiles, 10 minutes ahead, none in the past', () => {
    expect(plannedAlarms(profiles, now)).toEqual([
      { name: 'expiry-warning:2030-01-01T01:00:00Z', when: Date.parse('2030-01-01T00:50:00Z') },
      { name: 'expiry-warning:2030-01-01T02:00:00Z', when: Date.parse('2030-01-01T01:50:00Z') },
    ]);
  });

  it('warns about the profiles still holding that expiry', () => {
    const due = dueProfiles(profiles, 'expiry-warning:2030-01-01T01:00:00Z');
    expect(due.map((p) => p.profile)).toEqual(['a', 'b']);
    expect(expiryMessage(due)).toEqual({ title: '2 AWS profiles expire in 10 minutes', message: 'a, b. Sign in to the AWS console again to refresh them.' });
    expect(isExpiryAlarm('expiry-warning:x')).toBe(true);
    expect(isExpiryAlarm('other')).toBe(false);
  });
});
