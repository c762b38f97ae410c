// Every way a login can fail, with a name a person (or a test) can match on: the decoder's codes
// (decode/decode-error.ts) and the rest of the flow's, in one catalogue. Messages are plain
// language and never carry secrets: they are shown in the popup and may be pasted into a bug report.

import { DecodeError, type DecodeErrorCode } from './decode/decode-error';

/** Codes raised after the assertion was read: choosing, naming, assuming, writing. */
export type FlowErrorCode =
  | 'role-not-in-assertion'
  | 'encrypted-assertion'
  | 'invalid-profile-name'
  | 'profile-name-taken'
  | 'chain-source-failed'
  | 'sts-rejected'
  | 'sts-unreachable'
  | 'host-missing'
  | 'host-forbidden'
  | 'host-failed'
  | 'write-failed'
  /** The host refused a request that is not a write (status, set-mode, remove): `host` says which error. */
  | 'host-refused'
  | 'long-lived-keys'
  // OpenID Connect sign-ins: the provider's configuration, the flow, the tokens.
  | 'oidc-discovery'
  | 'oidc-unreachable'
  | 'oidc-cancelled'
  | 'oidc-refused'
  | 'oidc-state'
  | 'oidc-session-ended'
  | 'oidc-id-token'
  | 'oidc-unknown-provider'
  | 'oidc-no-roles'
  | 'internal';

export type LoginErrorCode = DecodeErrorCode | FlowErrorCode;

/** The native host's own error (native-host/protocol.ts's ErrorCode), kept so a page can tell one from another. */
export interface HostErrorData {
  readonly code: number;
  readonly error: string;
}

export class LoginError extends Error {
  override readonly name = 'LoginError';
  constructor(
    readonly code: FlowErrorCode,
    message: string,
    /** When the host refused: its error code and name, as it sent them. */
    readonly host?: HostErrorData,
  ) {
    super(message);
  }
}

/** Errors cross contexts (worker → storage → popup) as plain data. */
export interface ErrorData {
  readonly code: LoginErrorCode;
  readonly message: string;
  readonly host?: HostErrorData;
}

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LoginError && error.host) return { code: error.code, message: error.message, host: error.host };
  if (error instanceof LoginError || error instanceof DecodeError) return { code: error.code, message: error.message };
  // Anything else is our bug, not the user's input: say so without echoing internals that could
  // hold an assertion or a key.
  return { code: 'internal', message: 'stsbridge hit an unexpected problem; please report it.' };
}
