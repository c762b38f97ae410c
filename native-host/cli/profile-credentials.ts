// One managed profile's credentials, for `credentials` and `env`: read from stsbridge's cache or
// the credentials file, with whether they have expired, or a one-line reason a person can act
// on. Never a secret in it.

import { readExisting } from '../disk/read';
import { managedCredentials, type ManagedCredentials } from '../ini/managed';
import { cachePath, readCached, type CacheLookup } from '../modes/cache';

export type ProfileRead =
  | { readonly credentials: ManagedCredentials; readonly expiresAt: number; readonly refreshedAt?: number }
  /**
   * `refreshable`: the browser could still bring credentials (the profile is stsbridge's);
   * `missing`: no profile of that name is in the file or the cache at all.
   */
  | { readonly problem: string; readonly refreshable: boolean; readonly missing?: true };

/**
 * `profile`'s credentials: from stsbridge's cache when it is a process profile, else from the
 * credentials file.
 */
export function readProfileCredentials(file: string, profile: string): ProfileRead {
  const cache = cachePath(file);
  let cached: CacheLookup;
  try {
    cached = readCached(cache, profile);
  } catch (error) {
    return unreadable(cache, error);
  }
  if ('found' in cached) return withExpiry(profile, cache, cached.found);
  // A damaged cache holds no one's keys: a file profile's are in the credentials file all the
  // same, and a process profile's come back with its next refresh, which writes the cache anew.
  const damaged = 'damaged' in cached ? `; ${cached.damaged}, which its next refresh writes anew` : '';
  let text: string;
  try {
    text = readExisting(file).text;
  } catch (error) {
    return unreadable(file, error);
  }
  const lookup = managedCredentials(text, profile);
  if ('missing' in lookup) {
    switch (lookup.missing) {
      case 'no-profile':
        return { problem: `${profile} is not in ${file} (\`stsbridge list\` shows the profiles stsbridge manages)${damaged}`, refreshable: true, missing: true };
      case 'not-managed':
        return { problem: `${profile} in ${file} is not managed by stsbridge, so stsbridge does not hand its keys out`, refreshable: false };
      case 'incomplete':
        return { problem: `${profile} in ${file} is missing some of its keys`, refreshable: true };
    }
  }
  return withExpiry(profile, file, lookup.found);
}

function unreadable(file: string, error: unknown): ProfileRead {
  const code = (error as NodeJS.ErrnoException).code;
  return { problem: `${file} could not be read${code ? ` (${code})` : ''}`, refreshable: false };
}

function withExpiry(profile: string, file: string, credentials: ManagedCredentials): ProfileRead {
  const expiresAt = Date.parse(credentials.expiration);
  if (Number.isNaN(expiresAt)) return { problem: `${profile} in ${file} has an unreadable expiry`, refreshable: true };
  return { credentials, expiresAt, ...(credentials.refreshedAt === undefined ? {} : { refreshedAt: credentials.refreshedAt }) };
}

/** "14:02", or "2 Dec 14:02" when it is not today. */
export function localTime(time: number): string {
  const date = new Date(time);
  const clock = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === new Date().toDateString() ? clock : `${date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${clock}`;
}
