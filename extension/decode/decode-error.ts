// Why an assertion cannot be used, named so a person (or a test) can match on it. The decoder's
// own codes: decode/ imports nothing outside itself and aws/, and errors.ts folds these into the
// one catalogue the popup shows. Messages are plain language and never quote a secret.

export const DECODE_ERROR_CODES = [
  'not-base64',
  'too-large',
  'doctype-refused',
  'not-xml',
  'not-saml',
  'no-role-attribute',
  'invalid-role-value',
  'assertion-expired',
  'assertion-not-yet-valid',
  'invalid-time',
] as const;

export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
