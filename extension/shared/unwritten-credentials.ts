// Credentials a login obtained but could not write (no host, or the host failed). Kept only in
// storage.session, which lives in memory and is readable only by the extension's own pages, so
// the popup can still hand them over as export lines. Never in storage.local or storage.sync.

import type { ProfileCredentials } from '../../native-host/protocol';
import { storageItem } from './storage-item';

export interface UnwrittenCredentials {
  /** The login they came from (LoginRecord.id). */
  readonly loginId: string;
  readonly profile: ProfileCredentials;
}

function parseUnwritten(stored: unknown): UnwrittenCredentials | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const value = stored as Partial<UnwrittenCredentials>;
  const profile = value.profile as Partial<ProfileCredentials> | undefined;
  return typeof value.loginId === 'string' &&
    typeof profile?.accessKeyId === 'string' &&
    typeof profile.secretAccessKey === 'string' &&
    typeof profile.sessionToken === 'string' &&
    typeof profile.expiration === 'string' &&
    typeof profile.name === 'string'
    ? (value as UnwrittenCredentials)
    : undefined;
}

export const unwrittenCredentials = storageItem('session', 'unwrittenCredentials', parseUnwritten);
