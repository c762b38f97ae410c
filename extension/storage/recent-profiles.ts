// The profiles recent logins refreshed, newest first, one entry per profile name: what the popup
// lists. No secrets (those are in session-credentials.ts).

import type { LoginRecord, LoginSource, ProfileResult } from './login-record';

export interface RecentProfile extends ProfileResult {
  /** The login that last touched this profile, and when it was seen. */
  readonly loginId: string;
  readonly at: string;
  /** The identity provider that login came from: where "Sign in again" goes. */
  readonly issuer?: string;
  /** How that login came about (absent in older entries: a console login). */
  readonly how?: LoginSource;
}

/** More than any account list; the popup is a list, not an archive. */
export const MAX_RECENT_PROFILES = 500;

/** `existing` with the results of `record` in front, each replacing the entry of its profile name. */
export function mergeRecent(existing: readonly RecentProfile[], record: LoginRecord): RecentProfile[] {
  const fresh = record.results.map((result) => ({ ...result, loginId: record.id, at: record.at, ...(record.issuer ? { issuer: record.issuer } : {}), ...(record.how ? { how: record.how } : {}) }));
  const names = new Set(fresh.map((profile) => profile.profile));
  return [...fresh, ...existing.filter((profile) => !names.has(profile.profile))].slice(0, MAX_RECENT_PROFILES);
}

export function parseRecentProfiles(stored: unknown): RecentProfile[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (entry): entry is RecentProfile =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as RecentProfile).profile === 'string' &&
      typeof (entry as RecentProfile).roleArn === 'string' &&
      typeof (entry as RecentProfile).state === 'string' &&
      Array.isArray((entry as RecentProfile).notes),
  );
}

/** How a profile looks to a person right now. */
export type Freshness = 'fresh' | 'expiring' | 'expired' | 'failed';

/** Within this, a profile is shown as expiring. */
export const EXPIRING_WITHIN_MS = 15 * 60_000;

export function freshnessOf(profile: Pick<ProfileResult, 'state' | 'expiration'>, now: number): Freshness {
  if (profile.state === 'failed' || profile.state === 'refused' || profile.expiration === undefined) return 'failed';
  const left = Date.parse(profile.expiration) - now;
  if (Number.isNaN(left) || left <= 0) return 'expired';
  return left <= EXPIRING_WITHIN_MS ? 'expiring' : 'fresh';
}
