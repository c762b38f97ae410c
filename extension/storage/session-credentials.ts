// Credentials from recent logins, by profile name, so the popup can hand them over as export
// lines, written or not. Kept only in storage.session: memory, gone when the browser closes, and
// readable only by the extension's own pages (content scripts have no access to it by default).
// Never in storage.local or storage.sync, never in a log.

import type { ProfileCredentials } from '../../native-host/protocol';

export type CredentialsByProfile = Readonly<Record<string, ProfileCredentials>>;

/** `existing` plus `added`, without any whose credentials have expired at `now`. */
export function mergeCredentials(existing: CredentialsByProfile, added: readonly ProfileCredentials[], now: number): CredentialsByProfile {
  const merged: Record<string, ProfileCredentials> = {};
  for (const profile of [...Object.values(existing), ...added]) {
    if (Date.parse(profile.expiration) > now) merged[profile.name] = profile;
    else delete merged[profile.name];
  }
  return merged;
}

export function parseCredentials(stored: unknown): CredentialsByProfile {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored).filter(
      (entry): entry is [string, ProfileCredentials] =>
        typeof entry[1] === 'object' &&
        entry[1] !== null &&
        ['name', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'].every((key) => typeof (entry[1] as Record<string, unknown>)[key] === 'string'),
    ),
  );
}
