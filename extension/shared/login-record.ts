// What the popup shows about the last login. Kept in storage.session (memory only, cleared when
// the browser closes) and never holding a secret: keys go to the host, not to storage.

import type { ErrorData } from './login-error';
import { storageItem } from './storage-item';

export type LoginState = 'working' | 'choose-role' | 'done' | 'failed';

export interface ProfileResult {
  readonly profile: string;
  readonly roleArn: string;
  readonly accountId: string;
  readonly roleName: string;
  /** ISO 8601 expiry of the credentials written. */
  readonly expiration: string;
  /** Plain-language remarks, e.g. a session duration that was shortened. */
  readonly notes: readonly string[];
}

export interface LoginRecord {
  readonly id: string;
  /** When the SAML POST was seen, ISO 8601. */
  readonly at: string;
  readonly signinUrl: string;
  readonly state: LoginState;
  /** How many roles the assertion offered, once it was read. */
  readonly roleCount?: number;
  readonly results: readonly ProfileResult[];
  /** The credentials file written, as the host reported it. */
  readonly file?: string;
  readonly error?: ErrorData;
}

const STATES: readonly LoginState[] = ['working', 'choose-role', 'done', 'failed'];

function parseLoginRecord(stored: unknown): LoginRecord | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const record = stored as Partial<LoginRecord>;
  if (typeof record.id !== 'string' || typeof record.at !== 'string' || !STATES.includes(record.state!)) {
    return undefined;
  }
  return { ...record, results: Array.isArray(record.results) ? record.results : [] } as LoginRecord;
}

export const lastLogin = storageItem('session', 'lastLogin', parseLoginRecord);
