import { describe, expect, it } from 'vitest';
import { checkIdToken, webIdentitySessionName, type IdTokenExpectation } from '../../../extension/decode/id-token';

const ISSUER = 'https://login.example.com';
const NOW = new Date('2030-01-01T00:00:00Z');
const expected: IdTokenExpectation = { issuer: ISSUER, clientId: 'app', nonce: 'n-1', algorithms: ['RS256'], now: NOW };
const seconds = NOW.getTime() / 1000;
const good = { iss: ISSUER, sub: 'user-1', aud: 'app', exp: seconds + 600, nonce: 'n-1', email: 'dev@example.com' };

const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** A token with this header and these claims; the signature is STS's to verify, so any bytes do here. */
const token = (claims: unknown, header: unknown = { alg: 'RS256', kid: 'k1' }, signature = 'c2lnbmF0dXJl') => `${part(header)}.${part(claims)}.${signature}`;

describe('checking an ID token before it goes to STS', () => {
  it('gives the claims stsbridge uses from a good token', () => {
    expect(checkIdToken(token(good), expected)).toEqual({ iss: ISSUER, sub: 'user-1', aud: ['app'], exp: seconds + 600, email: 'dev@example.com' });
    // Several audiences are fine when it was issued to us (azp).
    expect(checkIdToken(token({ ...good, aud: ['app', 'api'], azp: 'app' }), expected).aud).toEqual(['app', 'api']);
  });

  it.each<[string, string, RegExp]>([
    ['not a JWT', 'abc', /is not a signed JWT/],
    ['claims that are not JSON', `${part({ alg: 'RS256' })}.${part('{nope')}.sig`, /is not a signed JWT/],
    ['claims that are an array', token([1, 2]), /is not a signed JWT/],
    ['alg none', token(good, { alg: 'none' }, ''), /signed with none/],
    ['HS256 (a shared secret AWS cannot check)', token(good, { alg: 'HS256' }), /signed with HS256/],
    ['an algorithm the configuration does not list', token(good, { alg: 'ES256' }), /signed with ES256, not RS256/],
    ['no signature', token(good, { alg: 'RS256' }, ''), /signed with RS256/],
    ['another issuer', token({ ...good, iss: 'https://evil.example' }), /issued by "https:\/\/evil.example"/],
    ['another audience', token({ ...good, aud: 'other' }), /another application/],
    ['several audiences, issued to another', token({ ...good, aud: ['app', 'other'], azp: 'other' }), /several audiences/],
    ['no expiry', token({ ...good, exp: undefined }), /no expiry/],
    ['an expiry in the past', token({ ...good, exp: seconds - 1 }), /expired at 2029-12-31T23:59:59.000Z/],
    ['another nonce', token({ ...good, nonce: 'n-2' }), /nonce/],
    ['no nonce', token({ ...good, nonce: undefined }), /nonce/],
    ['no subject', token({ ...good, sub: '' }), /no subject/],
    ['more than STS takes', token({ ...good, pad: 'x'.repeat(20_000) }), /is not a signed JWT/],
  ])('refuses %s, saying nothing went to AWS', (_label, text, message) => {
    expect(() => checkIdToken(text, expected)).toThrow(expect.objectContaining({ code: 'oidc-id-token', message: expect.stringMatching(message) }));
    expect(() => checkIdToken(text, expected)).toThrow(/nothing was sent to AWS/);
  });

  it('never echoes the token in its message', () => {
    const bad = token({ ...good, aud: 'other' });
    let message = '';
    try {
      checkIdToken(bad, expected);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/another application/);
    expect(message).not.toContain(bad.split('.')[1]);
  });
});

describe('the session name a web identity gets', () => {
  it.each([
    [{ email: 'dev.person@example.com', sub: 'x' }, 'dev.person@example.com'],
    [{ sub: 'auth0|5f7c8ec7c33c6c004bbafe82' }, 'auth0-5f7c8ec7c33c6c004bbafe82'],
    [{ email: `${'a'.repeat(70)}@example.com`, sub: 'user 1' }, 'user-1'],
    [{ sub: 'x' }, 'stsbridge-x'],
    [{ sub: 'ö'.repeat(80) }, 'stsbridge-'],
    [{ sub: 'b'.repeat(100) }, 'b'.repeat(64)],
  ])('%j → %s', (claims, name) => {
    expect(webIdentitySessionName(claims)).toBe(name);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
