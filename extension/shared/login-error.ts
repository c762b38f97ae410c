// Every way a login can fail, with a name a person (or a test) can match on. Messages are plain
// language and never carry secrets: they are shown in the popup and may be pasted into a bug report.

export type LoginErrorCode =
  | 'not-base64'
  | 'too-large'
  | 'doctype-refused'
  | 'not-xml'
  | 'not-saml'
  | 'no-role-attribute'
  | 'invalid-role-value'
  | 'role-not-in-assertion'
  | 'invalid-profile-name'
  | 'profile-name-taken'
  | 'long-lived-keys'
  | 'assertion-expired'
  | 'assertion-not-yet-valid'
  | 'invalid-time'
  | 'encrypted-assertion'
  | 'chain-source-failed'
  | 'sts-rejected'
  | 'sts-unreachable'
  | 'host-missing'
  | 'host-forbidden'
  | 'host-failed'
  | 'write-failed'
  | 'internal';

export class LoginError extends Error {
  override readonly name = 'LoginError';
  constructor(
    readonly code: LoginErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Errors cross contexts (worker → storage → popup) as plain data. */
export interface ErrorData {
  readonly code: LoginErrorCode;
  readonly message: string;
}

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof LoginError) return { code: error.code, message: error.message };
  // Anything else is our bug, not the user's input: say so without echoing internals that could
  // hold an assertion or a key.
  return { code: 'internal', message: 'stsbridge hit an unexpected problem; please report it.' };
}
