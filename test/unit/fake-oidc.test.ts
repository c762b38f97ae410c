// The OIDC provider stand-in and STS's AssumeRoleWithWebIdentity stand-in must be as strict as the
// real ones, or the e2e tier proves nothing. Each refusal is driven once, as the one thing wrong
// with an otherwise good request, through the real SDK for STS and as a browser would for the
// provider: if a check broke and let everything through, its row fails.

import { createHash, randomBytes } from 'node:crypto';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { handleOidc, newOidcState, OIDC_ISSUER, signJwt, type OidcState, type Tamper } from '../e2e/fake-aws/oidc';
import { newStsState, type StsState } from '../e2e/fake-aws/sts';
import { directClient, refusal } from './sts-direct';

const CLIENT_ID = 'stsbridge-test-client';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const ROLE = 'arn:aws:iam::111122223333:role/WebDeploy';

function provider(): OidcState {
  const state = newOidcState();
  state.clients.set(CLIENT_ID, { clientId: CLIENT_ID, redirectUris: [REDIRECT], origins: [ORIGIN] });
  return state;
}

function stsFor(oidc: OidcState): StsState {
  const sts = newStsState();
  sts.webIdentity.providers.set(oidc.issuer, { clientIds: new Set([CLIENT_ID]), keys: () => oidc.keys.map((key) => key.jwk) });
  sts.webIdentity.trust.set(ROLE, { issuer: oidc.issuer, audience: CLIENT_ID });
  return sts;
}

const call = (oidc: OidcState, method: string, target: string, options: { body?: string; cookie?: string; origin?: string } = {}) =>
  handleOidc(oidc, {
    method,
    url: new URL(target, OIDC_ISSUER),
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: options.body ?? '',
  });

interface Flow {
  readonly verifier: string;
  readonly authorize: Record<string, string>;
}

function flow(overrides: Record<string, string> = {}): Flow {
  const verifier = randomBytes(32).toString('base64url');
  return {
    verifier,
    authorize: {
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT,
      scope: 'openid email',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...overrides,
    },
  };
}

/** Signs in (the form), and returns the session cookie and the code the redirect carries. */
function signIn(oidc: OidcState, authorize: Record<string, string>): { cookie: string; redirect: URL } {
  const reply = call(oidc, 'POST', '/login', { body: new URLSearchParams({ query: new URLSearchParams(authorize).toString(), username: 'dev' }).toString() });
  expect(reply.status).toBe(302);
  return { cookie: reply.headers['set-cookie']!.split(';')[0]!, redirect: new URL(reply.headers.location!) };
}

function redeem(oidc: OidcState, code: string, verifier: string, overrides: Record<string, string> = {}) {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: verifier, ...overrides });
  return call(oidc, 'POST', '/oauth/token', { body: body.toString(), origin: ORIGIN });
}

/** An ID token as the provider would issue it, after `tamper`. */
function idToken(oidc: OidcState, tamper?: Tamper): string {
  oidc.tamper = tamper;
  const { verifier, authorize } = flow();
  const { redirect } = signIn(oidc, authorize);
  const reply = redeem(oidc, redirect.searchParams.get('code')!, verifier);
  return (JSON.parse(reply.body) as { id_token: string }).id_token;
}

describe('OIDC provider stand-in', () => {
  it('publishes discovery and its keys to any origin', () => {
    const oidc = provider();
    const discovery = call(oidc, 'GET', '/.well-known/openid-configuration');
    expect(discovery.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(discovery.body)).toMatchObject({ issuer: OIDC_ISSUER, code_challenge_methods_supported: ['S256'], id_token_signing_alg_values_supported: ['RS256'] });
    const keys = JSON.parse(call(oidc, 'GET', '/.well-known/jwks.json').body) as { keys: { kty: string; kid: string; d?: string }[] };
    expect(keys.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: oidc.keys[0]!.kid })]);
    // The private half never leaves.
    expect(keys.keys[0]!.d).toBeUndefined();
  });

  it('shows a sign-in form without a session, answers at once with one, and says login_required to prompt=none', () => {
    const oidc = provider();
    const { verifier, authorize } = flow();
    const form = call(oidc, 'GET', `/authorize?${new URLSearchParams(authorize)}`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('<form');
    const { cookie, redirect } = signIn(oidc, authorize);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT);
    expect(redirect.searchParams.get('state')).toBe('state-1');
    const again = call(oidc, 'GET', `/authorize?${new URLSearchParams({ ...authorize, prompt: 'none' })}`, { cookie });
    expect(again.status).toBe(302);
    expect(new URL(again.headers.location!).searchParams.get('code')).toMatch(/^[\w-]{32}$/);
    const none = call(oidc, 'GET', `/authorize?${new URLSearchParams({ ...authorize, prompt: 'none' })}`);
    expect(new URL(none.headers.location!).searchParams.get('error')).toBe('login_required');
    expect(oidc.authorizeRequests.map((request) => request.formShown)).toEqual([true, false, false, false]);
    expect(redeem(oidc, redirect.searchParams.get('code')!, verifier).status).toBe(200);
  });

  it.each<[string, Record<string, string>, number, string]>([
    ['an unknown client', { client_id: 'nobody' }, 400, 'Unknown client_id'],
    ['a redirect URI that differs by a byte', { redirect_uri: `${REDIRECT}x` }, 400, 'redirect_uri'],
    ['the implicit flow', { response_type: 'id_token' }, 302, 'unsupported_response_type'],
    ['no openid scope', { scope: 'email' }, 302, 'invalid_scope'],
    ['PKCE plain', { code_challenge_method: 'plain' }, 302, 'invalid_request'],
  ])('refuses to authorize %s', (_label, overrides, status, text) => {
    const reply = call(provider(), 'GET', `/authorize?${new URLSearchParams(flow(overrides).authorize)}`);
    expect(reply.status).toBe(status);
    expect(status === 302 ? new URL(reply.headers.location!).searchParams.get('error') : reply.body).toContain(text);
  });

  it.each<[string, (code: string, verifier: string) => Record<string, string>, string]>([
    ['the wrong PKCE verifier', () => ({ code_verifier: randomBytes(32).toString('base64url') }), 'PKCE'],
    ['another redirect URI', () => ({ redirect_uri: 'https://elsewhere.chromiumapp.org/' }), 'redirect_uri'],
    ['another client ID', () => ({ client_id: 'nobody' }), 'invalid_client'],
    ['a client secret from a public client', () => ({ client_secret: 'shh' }), 'invalid_client'],
    ['a made-up code', () => ({ code: 'made-up' }), 'invalid_grant'],
  ])('refuses to redeem a code with %s', (_label, change, text) => {
    const oidc = provider();
    const { verifier, authorize } = flow();
    const code = signIn(oidc, authorize).redirect.searchParams.get('code')!;
    const reply = redeem(oidc, code, verifier, change(code, verifier));
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.body).toContain(text);
    expect(reply.body).not.toContain('id_token');
  });

  it('redeems a code once, and lets only registered origins read the answer', () => {
    const oidc = provider();
    const { verifier, authorize } = flow();
    const code = signIn(oidc, authorize).redirect.searchParams.get('code')!;
    const first = redeem(oidc, code, verifier);
    expect(first.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(redeem(oidc, code, verifier).body).toContain('invalid_grant');
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: verifier });
    expect(call(oidc, 'POST', '/oauth/token', { body: body.toString(), origin: 'https://evil.example' }).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('STS stand-in: AssumeRoleWithWebIdentity', () => {
  const assume = (sts: StsState, token: string, input: Partial<{ RoleArn: string; RoleSessionName: string; DurationSeconds: number }> = {}) =>
    directClient(sts).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'dev.person@example.test', WebIdentityToken: token, ...input }));

  it('issues credentials for a good token, naming the subject and audience', async () => {
    const oidc = provider();
    const sts = stsFor(oidc);
    const output = await assume(sts, idToken(oidc), { DurationSeconds: 7200 });
    expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(output.SubjectFromWebIdentityToken).toBe(oidc.person.sub);
    expect(output.Audience).toBe(CLIENT_ID);
    expect(output.Provider).toBe('oidc.example.test');
    expect(output.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/WebDeploy/dev.person@example.test');
    expect(Math.abs(output.Credentials!.Expiration!.getTime() - (Date.now() + 7200_000))).toBeLessThan(5_000);
  });

  it.each<[string, (oidc: OidcState, sts: StsState) => { token: string; input?: Partial<{ RoleArn: string; RoleSessionName: string; DurationSeconds: number }> }, string, number, string]>([
    ['a token signed by a key the provider never published', (oidc) => ({ token: idToken(oidc, 'key') }), 'InvalidIdentityTokenException', 400, 'signature'],
    ['a token with a changed claim', (oidc) => {
      const [header, , signature] = idToken(oidc).split('.');
      const claims = { iss: OIDC_ISSUER, sub: 'someone-else', aud: CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 600 };
      return { token: `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}` };
    }, 'InvalidIdentityTokenException', 400, 'signature'],
    ['an unsigned token (alg none)', (oidc) => ({ token: idToken(oidc, 'alg-none') }), 'InvalidIdentityTokenException', 400, 'algorithm none'],
    ['a token that is not a JWT', () => ({ token: 'not-a-jwt-at-all' }), 'InvalidIdentityTokenException', 400, "Couldn't parse"],
    ['an expired token', (oidc) => ({ token: idToken(oidc, 'expired') }), 'ExpiredTokenException', 400, 'Token expired'],
    ['another audience', (oidc) => ({ token: idToken(oidc, 'aud') }), 'InvalidIdentityTokenException', 400, 'Incorrect token audience'],
    ['an issuer with no IAM OIDC provider', (oidc) => ({ token: signJwt({ iss: 'https://other.example.test', sub: 'x', aud: CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 600 }, oidc.keys[0]!) }), 'InvalidIdentityTokenException', 400, 'No OpenIDConnect provider found'],
    ['a token with no subject', (oidc) => ({ token: signJwt({ iss: OIDC_ISSUER, aud: CLIENT_ID, exp: Math.floor(Date.now() / 1000) + 600 }, oidc.keys[0]!) }), 'IDPRejectedClaimException', 403, 'no subject'],
    ['a role whose trust policy does not name the provider', (oidc) => ({ token: idToken(oidc), input: { RoleArn: 'arn:aws:iam::111122223333:role/Other' } }), 'AccessDenied', 403, 'sts:AssumeRoleWithWebIdentity'],
    ['a role trusting another audience', (oidc, sts) => {
      sts.webIdentity.trust.set(ROLE, { issuer: OIDC_ISSUER, audience: 'another-app' });
      return { token: idToken(oidc) };
    }, 'AccessDenied', 403, 'sts:AssumeRoleWithWebIdentity'],
    ['more than the role\'s MaxSessionDuration', (oidc, sts) => {
      sts.maxSessionDuration.set(ROLE, 3600);
      return { token: idToken(oidc), input: { DurationSeconds: 7200 } };
    }, 'ValidationError', 400, 'MaxSessionDuration'],
    ['a session name STS cannot take', (oidc) => ({ token: idToken(oidc), input: { RoleSessionName: 'dev person' } }), 'ValidationError', 400, 'roleSessionName'],
  ])('refuses %s', async (_label, make, name, status, message) => {
    const oidc = provider();
    const sts = stsFor(oidc);
    const { token, input } = make(oidc, sts);
    expect(await refusal(assume(sts, token, input))).toMatchObject({ name, status, message: expect.stringContaining(message) });
    expect(sts.calls.at(-1)?.credentials).toBeUndefined();
  });
});
