// An ID token's claims, read and checked before it goes to STS (OpenID Connect Core 3.1.3.7): the
// issuer, the audience (and `azp` when there are several), expiry, the nonce this sign-in sent,
// and a signing algorithm AWS accepts. STS verifies the signature itself against the provider's
// keys; a token that would fail here would fail there too, with a less helpful message. Pure.

import { LoginError } from '../errors';

export interface IdTokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly email?: string;
}

export interface IdTokenExpectation {
  readonly issuer: string;
  readonly clientId: string;
  readonly nonce: string;
  /** From the provider's discovery document, already narrowed to what AWS accepts. */
  readonly algorithms: readonly string[];
  readonly now: Date;
}

/** The tokens STS takes are under 20,000 characters; a larger one is not worth parsing. */
const MAX_TOKEN_LENGTH = 20_000;

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const refuse = (issuer: string, why: string) => new LoginError('oidc-id-token', `The ID token from ${issuer} ${why}; nothing was sent to AWS.`);

export function checkIdToken(token: string, expected: IdTokenExpectation): IdTokenClaims {
  const { issuer } = expected;
  const parts = token.split('.');
  const header = parts.length === 3 && token.length <= MAX_TOKEN_LENGTH ? decodePart(parts[0]!) : undefined;
  const claims = header ? decodePart(parts[1]!) : undefined;
  if (!header || !claims) throw refuse(issuer, 'is not a signed JWT');
  const alg = typeof header.alg === 'string' ? header.alg : 'none';
  if (!expected.algorithms.includes(alg) || parts[2] === '') {
    throw refuse(issuer, `is signed with ${alg.slice(0, 16)}, not ${expected.algorithms.join(' or ')} as its configuration says and AWS accepts`);
  }
  if (claims.iss !== issuer) throw refuse(issuer, `was issued by ${JSON.stringify(claims.iss).slice(0, 120)}, not ${issuer}`);
  const aud = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((value): value is string => typeof value === 'string');
  if (!aud.includes(expected.clientId)) throw refuse(issuer, `is for another application (its audience is not ${expected.clientId})`);
  if (aud.length > 1 && claims.azp !== expected.clientId) throw refuse(issuer, `names several audiences, and was not issued to ${expected.clientId} (azp)`);
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw refuse(issuer, 'has no expiry');
  if (claims.exp * 1000 <= expected.now.getTime()) {
    throw refuse(issuer, `expired at ${new Date(claims.exp * 1000).toISOString()}: is this computer's clock right?`);
  }
  if (claims.nonce !== expected.nonce) throw refuse(issuer, 'does not carry the nonce of this sign-in (a replayed token?)');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw refuse(issuer, 'names no subject');
  return { iss: issuer, sub: claims.sub, aud, exp: claims.exp, ...(typeof claims.email === 'string' ? { email: claims.email } : {}) };
}

/**
 * The session name CloudTrail shows for the person: their email, else their subject, with what
 * STS does not take ([\w+=,.@-], 2–64 characters) made safe.
 */
export function webIdentitySessionName(claims: Pick<IdTokenClaims, 'email' | 'sub'>): string {
  const raw = claims.email && claims.email.length <= 64 ? claims.email : claims.sub;
  const safe = raw.replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return safe.length >= 2 ? safe : `stsbridge-${safe}`.slice(0, 64);
}
