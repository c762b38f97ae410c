// Protocol 5: fresh credentials on request from the command line, through the browser. The
// `stsbridge` command asks the host on its local socket (`refresh`); the host, which holds the
// extension's port, passes the request on unasked (a host-to-extension message, tagged with
// `request`); the extension signs in again (silently, where the identity provider's session
// allows) and answers with `refresh-result`; the host then answers the command. Types and
// constants only: the extension imports this file.

/**
 * Keys refreshed this recently are the newest there are: `stsbridge credentials` hands them out
 * without asking, however near expiry.
 */
export const FRESH_FOR_MS = 60_000;

/** How long `refresh` waits for the browser by default, and at most. */
export const REFRESH_WAIT_MS = 60_000;
export const MAX_REFRESH_WAIT_MS = 600_000;

/**
 * What became of one profile: `refreshed` (new credentials are in the file), `failed` (with the
 * reason, e.g. the identity provider's session has ended) or `unknown` (this browser has not
 * written that profile, so it does not know which role and identity provider it is).
 */
export type RefreshState = 'refreshed' | 'failed' | 'unknown';

export interface RefreshResult {
  readonly profile: string;
  readonly state: RefreshState;
  /** For `refreshed`: when the new credentials expire, ISO 8601. */
  readonly expiration?: string;
  /** For `failed` and `unknown`: why, for a person. Never a secret. */
  readonly message?: string;
}

/** On the local socket: refresh these profiles (or every one the browser wrote) now, and wait. */
export interface RefreshRequest {
  readonly id?: string;
  readonly type: 'refresh';
  readonly profiles?: readonly string[];
  readonly all?: true;
  /** How long to wait for the browser, in ms; REFRESH_WAIT_MS when absent. */
  readonly waitMs?: number;
  /**
   * Protocol 7: when the caller read the keys it wants replaced (ISO 8601). A refresh of the
   * profile that finished after it answers the request without asking the browser again: the
   * keys it brought are newer than the caller's. Without it (a person's `stsbridge refresh`),
   * the browser is asked, or a refresh already under way joined.
   */
  readonly readAt?: string;
}

export interface RefreshReply {
  readonly type: 'refresh';
  readonly results: readonly RefreshResult[];
}

/** Host → extension, unasked: a `refresh` to carry out, tagged so that its answer finds its way back. */
export interface BrowserRefreshRequest {
  readonly type: 'refresh';
  readonly request: string;
  readonly profiles?: readonly string[];
  readonly all?: true;
}

/** Extension → host: the answer to a BrowserRefreshRequest. */
export interface RefreshResultRequest {
  readonly id?: string;
  readonly type: 'refresh-result';
  readonly request: string;
  readonly results: readonly RefreshResult[];
}

export interface RefreshResultReply {
  readonly type: 'refresh-result';
}
