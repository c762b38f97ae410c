// Warnings before credentials expire: one chrome.alarms alarm per expiry time, 10 minutes ahead.
// Pure planning; notify.ts creates and clears the alarms and, when one fires, rebuilds what is
// due from storage (MV3 may have stopped the worker in between).

import type { RecentProfile } from '../../storage/recent-profiles';
import { nameList } from '../name-list';

export const WARN_BEFORE_MS = 10 * 60_000;
const PREFIX = 'expiry-warning:';

export interface PlannedAlarm {
  readonly name: string;
  /** Epoch milliseconds. */
  readonly when: number;
}

/** The alarms the written profiles call for: one per distinct expiry still more than 10 minutes away. */
export function plannedAlarms(profiles: readonly RecentProfile[], now: number): PlannedAlarm[] {
  const expiries = new Set(profiles.filter((profile) => profile.state === 'written' && profile.expiration).map((profile) => profile.expiration!));
  return [...expiries]
    .map((expiration) => ({ name: `${PREFIX}${expiration}`, when: Date.parse(expiration) - WARN_BEFORE_MS }))
    .filter((alarm) => !Number.isNaN(alarm.when) && alarm.when > now)
    .sort((a, b) => a.when - b.when);
}

export function isExpiryAlarm(name: string): boolean {
  return name.startsWith(PREFIX);
}

/** The profiles an alarm warns about: still written with that expiry (a later login may have refreshed them). */
export function dueProfiles(profiles: readonly RecentProfile[], alarmName: string): RecentProfile[] {
  const expiration = alarmName.slice(PREFIX.length);
  return profiles.filter((profile) => profile.state === 'written' && profile.expiration === expiration);
}

export function expiryMessage(due: readonly RecentProfile[]): { title: string; message: string } {
  return {
    title: due.length === 1 ? 'AWS credentials expire in 10 minutes' : `${due.length} AWS profiles expire in 10 minutes`,
    message: `${nameList(due.map((profile) => profile.profile))}. Sign in to the AWS console again to refresh them.`,
  };
}
