// Checks an AWS Signature Version 4 the way AWS does, written from the published algorithm
// rather than with the SDK's signer, so a signing bug in the client cannot hide behind the same
// bug here: canonical request, string to sign, derived key, and a constant-time comparison.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export interface SignedRequest {
  readonly method: string;
  /** The path and query as sent, e.g. `/` or `/?a=b`. */
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

export type SigV4Result =
  | { readonly ok: true; readonly accessKeyId: string; readonly region: string; readonly service: string }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{1,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{8})T\d{6}Z$/;
/** AWS refuses a request signed more than 15 minutes away from its own clock. */
const MAX_SKEW_MS = 15 * 60_000;

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function fail(status: number, code: string, message: string): SigV4Result {
  return { ok: false, status, code, message };
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(search: string): string {
  return [...new URLSearchParams(search)]
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/**
 * Verifies `request`'s SigV4 `Authorization` header. `secretFor` gives the secret key of an
 * access key ID this stand-in issued, or undefined for one it never did.
 */
export function verifySigV4(request: SignedRequest, secretFor: (accessKeyId: string) => string | undefined, now: Date): SigV4Result {
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) return fail(400, 'IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature in AWS4-HMAC-SHA256 form.');
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = parts as unknown as string[];
  const amzDate = header(request.headers, 'x-amz-date') ?? '';
  const date = AMZ_DATE.exec(amzDate);
  if (!date) return fail(400, 'IncompleteSignature', 'X-Amz-Date is missing or not in the form YYYYMMDDTHHMMSSZ.');
  if (date[1] !== day) return fail(403, 'SignatureDoesNotMatch', 'Credential scope date does not match X-Amz-Date.');
  const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  if (Math.abs(now.getTime() - signedAt) > MAX_SKEW_MS) return fail(403, 'SignatureDoesNotMatch', 'Signature expired: the request time is too far from the server time.');
  const signedHeaders = signedHeaderList!.split(';');
  const sorted = [...signedHeaders].sort();
  if (signedHeaders.join(';') !== sorted.join(';')) return fail(403, 'SignatureDoesNotMatch', 'SignedHeaders must be sorted.');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return fail(403, 'SignatureDoesNotMatch', `The ${required} header must be signed.`);
  }
  if (header(request.headers, 'x-amz-security-token') !== undefined && !signedHeaders.includes('x-amz-security-token')) {
    return fail(403, 'SignatureDoesNotMatch', 'X-Amz-Security-Token must be signed.');
  }
  const secret = secretFor(accessKeyId!);
  if (secret === undefined) return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

  const url = new URL(request.url, 'https://placeholder');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(header(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [
    request.method,
    url.pathname.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/'),
    canonicalQuery(url.search),
    canonicalHeaders,
    signedHeaderList,
    sha256(request.body),
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day!), region!), service!), 'aws4_request');
  const expected = hmac(key, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) {
    return fail(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  return { ok: true, accessKeyId: accessKeyId!, region: region!, service: service! };
}
