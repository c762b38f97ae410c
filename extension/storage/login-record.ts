// What the popup shows about the last login. Kept in storage.session (memory only, cleared when
// the browser closes) and never holding a secret: keys go to the host and to session-credentials.

import type { Partition } from '../aws/partitions';
import type { ErrorData } from '../errors';

export type LoginState = 'working' | 'choose-role' | 'done' | 'failed';

/**
 * How a login came about: a person's console sign-in, a silent sign-in (kept fresh before expiry,
 * or *Refresh now* in the popup), or one the command line asked for.
 */
export type LoginSource = 'console' | 'silent' | 'command';
export const LOGIN_SOURCES: readonly LoginSource[] = ['console', 'silent', 'command'];

/**
 * What became of one profile: written to the credentials file; obtained but not written (no
 * host); refused by the host because its section holds a person's long-lived keys; or failed.
 */
export type ProfileState = 'written' | 'unwritten' | 'refused' | 'failed';

export interface ProfileResult {
  readonly profile: string;
  readonly roleArn: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly partition: Partition;
  /** For a chained role: the role ARN of the SAML role whose credentials assumed it. */
  readonly via?: string;
  readonly state: ProfileState;
  /** ISO 8601 expiry of the credentials, when STS issued them. */
  readonly expiration?: string;
  /** Why the profile is not written, for `refused` and `failed`. */
  readonly error?: ErrorData;
  /** Plain-language remarks, e.g. a session duration that was shortened. */
  readonly notes: readonly string[];
}

export interface LoginRecord {
  readonly id: string;
  /** When the SAML POST was seen, ISO 8601. */
  readonly at: string;
  readonly signinUrl: string;
  /** Absent in what older versions stored: those were console logins. */
  readonly how?: LoginSource;
  readonly state: LoginState;
  /** The identity provider's entity ID, once the assertion was read. */
  readonly issuer?: string;
  /** How many roles the assertion offered, once it was read. */
  readonly roleCount?: number;
  readonly results: readonly ProfileResult[];
  /** The credentials file written, as the host reported it. */
  readonly file?: string;
  /** What stopped the whole login (bad assertion, no host); per-profile failures are in results. */
  readonly error?: ErrorData;
  /** Remarks about the assertion as a whole. */
  readonly notes?: readonly string[];
}

const STATES: readonly LoginState[] = ['working', 'choose-role', 'done', 'failed'];

export function parseLoginRecord(stored: unknown): LoginRecord | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const record = stored as Partial<LoginRecord>;
  if (typeof record.id !== 'string' || typeof record.at !== 'string' || !STATES.includes(record.state!)) {
    return undefined;
  }
  return { ...record, results: Array.isArray(record.results) ? record.results : [] } as LoginRecord;
}
