// A strict stand-in for an OpenID Connect provider (think Auth0, Okta or Keycloak), for the
// authorization code flow with PKCE that a public client runs: discovery, a JWKS with RS256 keys
// made at start, an authorize endpoint that answers at once while its session cookie is set (and
// shows a sign-in form otherwise, or says login_required to prompt=none), and a token endpoint that
// redeems a code once, within a minute, only for its client ID and redirect URI, and only with the
// PKCE verifier whose S256 hash was sent to authorize. It answers cross-origin requests as real
// providers do: discovery and keys to anyone, the token endpoint to a client's registered origins.
// The STS stand-in verifies the tokens against these keys (sts.ts).

import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type JsonWebKey, type KeyObject } from 'node:crypto';

export const OIDC_HOST = 'oidc.example.test';
export const OIDC_ISSUER = `https://${OIDC_HOST}`;

export interface OidcClient {
  readonly clientId: string;
  /** Exactly these; a redirect_uri that differs by a byte is refused, as OAuth 2.1 asks. */
  readonly redirectUris: readonly string[];
  /** Origins allowed to call the token endpoint from a browser (CORS). */
  readonly origins: readonly string[];
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: JsonWebKey & { kid: string; alg: string; use: string };
}

/** What the next tokens get wrong, for tests of the extension's checks and STS's. */
export type Tamper = 'aud' | 'key' | 'expired' | 'nonce' | 'alg-none';

export interface OidcState {
  readonly issuer: string;
  /** Published in the JWKS. */
  readonly keys: SigningKey[];
  /** Signs tokens when `tamper` is 'key': a key no one published. */
  readonly rogueKey: SigningKey;
  readonly clients: Map<string, OidcClient>;
  /** Live sessions, by cookie value. */
  readonly sessions: Map<string, { live: boolean }>;
  readonly codes: Map<string, PendingCode>;
  readonly person: { readonly sub: string; readonly email: string };
  tamper: Tamper | undefined;
  tokenLifetimeSeconds: number;
  /** Every authorize request, in order: whether it carried a live session, and its prompt. */
  readonly authorizeRequests: { readonly session: boolean; readonly prompt?: string; readonly formShown: boolean }[];
  readonly tokenRequests: { readonly status: number; readonly error?: string }[];
}

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce?: string;
  readonly issuedAt: number;
  used: boolean;
}

const COOKIE = 'oidc_session';
/** A code is good for this long, once (OAuth 2.1 recommends a short lifetime). */
export const CODE_LIFETIME_MS = 60_000;

function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

export function newOidcState(issuer = OIDC_ISSUER): OidcState {
  return {
    issuer,
    keys: [signingKey()],
    rogueKey: signingKey(),
    clients: new Map(),
    sessions: new Map(),
    codes: new Map(),
    person: { sub: 'auth0|5f7c8ec7c33c6c004bbafe82', email: 'dev.person@example.test' },
    tamper: undefined,
    tokenLifetimeSeconds: 3600,
    authorizeRequests: [],
    tokenRequests: [],
  };
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A compact JWS, RS256, as the provider signs ID tokens (or as `tamper` spoils them). */
export function signJwt(claims: Record<string, unknown>, key: SigningKey, alg = 'RS256'): string {
  const header = base64url(JSON.stringify({ alg, kid: key.kid, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  if (alg === 'none') return `${header}.${payload}.`;
  return `${header}.${payload}.${base64url(sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey))}`;
}

export interface OidcRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface OidcReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function handleOidc(state: OidcState, request: OidcRequest, now = Date.now()): OidcReply {
  const json = (status: number, value: unknown, headers: Record<string, string> = {}): OidcReply => ({
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  });
  const page = (status: number, html: string, headers: Record<string, string> = {}): OidcReply => ({ status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: html });
  const anyone = { 'access-control-allow-origin': '*' };
  const { pathname } = request.url;

  if (pathname === '/.well-known/openid-configuration' && request.method === 'GET') {
    return json(200, {
      issuer: state.issuer,
      authorization_endpoint: `${state.issuer}/authorize`,
      token_endpoint: `${state.issuer}/oauth/token`,
      jwks_uri: `${state.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
    }, anyone);
  }
  if (pathname === '/.well-known/jwks.json' && request.method === 'GET') {
    return json(200, { keys: state.keys.map((key) => key.jwk) }, anyone);
  }
  if (pathname === '/authorize' && request.method === 'GET') return authorize(new URLSearchParams(request.url.search), sessionOf(request));
  if (pathname === '/login' && request.method === 'POST') {
    // The person typed their password: a session starts, and the authorize request goes on.
    const form = new URLSearchParams(request.body);
    const token = randomUUID();
    state.sessions.set(token, { live: true });
    const reply = authorize(new URLSearchParams(form.get('query') ?? ''), true);
    // Kept across browser restarts, as a provider's "stay signed in" session is.
    return { ...reply, headers: { ...reply.headers, 'set-cookie': `${COOKIE}=${token}; Path=/; Max-Age=28800; Secure; HttpOnly; SameSite=Lax` } };
  }
  if (pathname === '/oauth/token') return token();
  return json(404, { error: 'not_found' });

  function sessionOf(incoming: OidcRequest): boolean {
    const cookies = String(incoming.headers.cookie ?? '').split(/;\s*/);
    const value = cookies.find((cookie) => cookie.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
    return value !== undefined && state.sessions.get(value)?.live === true;
  }

  function authorize(query: URLSearchParams, session: boolean): OidcReply {
    const prompt = query.get('prompt') ?? undefined;
    const record = { session, ...(prompt === undefined ? {} : { prompt }), formShown: false };
    state.authorizeRequests.push(record);
    const client = state.clients.get(query.get('client_id') ?? '');
    const redirectUri = query.get('redirect_uri') ?? '';
    // Without a known client and one of its exact redirect URIs, nothing may be sent anywhere.
    if (!client) return page(400, '<title>Error</title><p>Unknown client_id.</p>');
    if (!client.redirectUris.includes(redirectUri)) return page(400, '<title>Error</title><p>The redirect_uri is not registered for this client.</p>');
    const back = (params: Record<string, string>) => {
      const target = new URL(redirectUri);
      for (const [name, value] of Object.entries({ ...params, ...(query.get('state') === null ? {} : { state: query.get('state')! }) })) target.searchParams.set(name, value);
      return { status: 302, headers: { location: target.href }, body: '' };
    };
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'Only the authorization code flow is offered.' });
    if (!(query.get('scope') ?? '').split(' ').includes('openid')) return back({ error: 'invalid_scope', error_description: 'The openid scope is required.' });
    const challenge = query.get('code_challenge') ?? '';
    // PKCE is required of public clients; S256 only (plain would give the verifier away).
    if (query.get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(challenge)) {
      return back({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method=S256 is required.' });
    }
    if (!session) {
      if (prompt === 'none') return back({ error: 'login_required', error_description: 'The user is not signed in.' });
      record.formShown = true;
      return page(200, `<!doctype html><title>Sign in to Example OIDC</title>
<form method="post" action="/login"><input type="hidden" name="query" value="${escapeHtml(query.toString())}">
<label>Email <input name="username" value="${escapeHtml(state.person.email)}"></label>
<label>Password <input type="password" name="password"></label>
<button id="sign-in" type="submit">Sign in</button></form>`);
    }
    const code = randomBytes(24).toString('base64url');
    const nonce = query.get('nonce') ?? undefined;
    state.codes.set(code, { clientId: client.clientId, redirectUri, challenge, ...(nonce === undefined ? {} : { nonce }), issuedAt: now, used: false });
    return back({ code, iss: state.issuer });
  }

  function token(): OidcReply {
    const origin = String(request.headers.origin ?? '');
    const form = new URLSearchParams(request.body);
    const client = state.clients.get(form.get('client_id') ?? '');
    // CORS as providers do it for single-page and extension clients: only registered origins read
    // the answer. (A browser still sends the POST; it is the reply it withholds.)
    const cors: Record<string, string> = client?.origins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    const refuse = (status: number, error: string, description: string) => {
      state.tokenRequests.push({ status, error });
      return json(status, { error, error_description: description }, cors);
    };
    if (request.method === 'OPTIONS') return { status: 204, headers: { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' }, body: '' };
    if (request.method !== 'POST') return refuse(405, 'invalid_request', 'POST only.');
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return refuse(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    if (form.get('grant_type') !== 'authorization_code') return refuse(400, 'unsupported_grant_type', 'Only authorization_code is offered.');
    if (!client) return refuse(401, 'invalid_client', 'Unknown client.');
    if (form.has('client_secret')) return refuse(401, 'invalid_client', 'This is a public client: it has no secret.');
    const code = state.codes.get(form.get('code') ?? '');
    if (!code || code.used || now - code.issuedAt > CODE_LIFETIME_MS) {
      // A code presented twice is a replay: it is spent either way.
      if (code) code.used = true;
      return refuse(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
    }
    code.used = true;
    if (code.clientId !== client.clientId) return refuse(400, 'invalid_grant', 'The code was issued to another client.');
    if (form.get('redirect_uri') !== code.redirectUri) return refuse(400, 'invalid_grant', 'redirect_uri does not match the one sent to authorize.');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
      return refuse(400, 'invalid_grant', 'PKCE verification failed.');
    }
    const issuedAt = Math.floor(now / 1000);
    const claims = {
      iss: state.issuer,
      sub: state.person.sub,
      aud: state.tamper === 'aud' ? 'some-other-client' : client.clientId,
      azp: client.clientId,
      iat: issuedAt,
      auth_time: issuedAt,
      exp: state.tamper === 'expired' ? issuedAt - 600 : issuedAt + state.tokenLifetimeSeconds,
      ...(code.nonce === undefined ? {} : { nonce: state.tamper === 'nonce' ? 'not-the-nonce-sent' : code.nonce }),
      email: state.person.email,
      email_verified: true,
    };
    const signer = state.tamper === 'key' ? state.rogueKey : state.keys[0]!;
    state.tokenRequests.push({ status: 200 });
    return json(200, {
      access_token: randomBytes(32).toString('base64url'),
      id_token: signJwt(claims, signer, state.tamper === 'alg-none' ? 'none' : 'RS256'),
      token_type: 'Bearer',
      expires_in: state.tokenLifetimeSeconds,
      scope: 'openid email',
    }, cors);
  }
}
