// An OpenID Connect sign-in end to end without a browser: the real flow (discovery, PKCE, state,
// nonce, token exchange, ID token checks) against the strict provider stand-in, with the browser's
// launchWebAuthFlow played by following the stand-in's redirects, and STS and the host faked at
// their boundary. The e2e tier runs the same flow in Chromium.

import { describe, expect, it } from 'vitest';
import type { AssumeResult, WebIdentityInput } from '../../../extension/assume/sts-client';
import { cachedDiscovery } from '../../../extension/capture/oidc/discovery';
import { LoginError } from '../../../extension/errors';
import type { LoginRecord } from '../../../extension/storage/login-record';
import type { OidcProvider } from '../../../extension/storage/oidc-providers';
import { DEFAULT_SETTINGS, type Settings } from '../../../extension/storage/settings';
import { runOidcLogin, type OidcLoginDeps } from '../../../extension/worker/run-oidc-login';
import { freshHost } from '../../../extension/write/host-lease';
import { PROTOCOL_VERSION, type HostRequest, type WriteProfilesRequest } from '../../../native-host/protocol';
import { handleOidc, newOidcState, OIDC_ISSUER, type OidcState, type Tamper } from '../../e2e/fake-aws/oidc';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const DEV = 'arn:aws:iam::111122223333:role/Dev';
const OPS = 'arn:aws:iam::444455556666:role/Ops';
const PROVIDER: OidcProvider = { issuer: OIDC_ISSUER, clientId: 'stsbridge', scopes: 'openid email', params: { audience: 'aws' }, roles: [DEV, OPS], region: '' };
const credentials = { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN==', expiration: '2030-01-01T01:00:00Z' };

interface Options {
  readonly settings?: Partial<Settings>;
  readonly session?: boolean;
  readonly tamper?: Tamper;
  /** Changes the redirect the browser hands back. */
  readonly redirect?: (url: string) => string;
  readonly assume?: (input: WebIdentityInput) => Promise<AssumeResult>;
  /** Changes the discovery document. */
  readonly discovery?: (document: Record<string, unknown>) => Record<string, unknown>;
}

function harness(options: Options = {}) {
  const oidc: OidcState = newOidcState();
  oidc.clients.set('stsbridge', { clientId: 'stsbridge', redirectUris: [REDIRECT], origins: [] });
  oidc.tamper = options.tamper;
  // The person's browser session at the provider.
  const cookie = options.session === false ? '' : `oidc_session=${'s'.repeat(8)}`;
  if (options.session !== false) oidc.sessions.set('s'.repeat(8), { live: true });
  const launched: { url: string; interactive: boolean }[] = [];
  const assumed: WebIdentityInput[] = [];
  const writes: WriteProfilesRequest[] = [];
  const records: LoginRecord[] = [];
  const kept: unknown[] = [];
  const fetcher = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input);
    const sent = init?.body instanceof URLSearchParams ? init.body.toString() : '';
    const reply = handleOidc(oidc, { method: init?.method ?? 'GET', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sent });
    let body = reply.body;
    if (options.discovery && url.pathname.endsWith('/openid-configuration')) body = JSON.stringify(options.discovery(JSON.parse(body) as Record<string, unknown>));
    return Promise.resolve(new Response(body, { status: reply.status, headers: reply.headers }));
  };
  const deps: OidcLoginDeps = {
    store: {
      settings: () => Promise.resolve({ ...DEFAULT_SETTINGS, oidcProviders: [PROVIDER], ...options.settings }),
      accountNames: () => Promise.resolve({}),
      keepCredentials: (profiles) => Promise.resolve(void kept.push(profiles)),
      record: (record) => Promise.resolve(void records.push(record)),
      reportHost: () => Promise.resolve(),
    },
    flow: {
      fetch: fetcher,
      discover: cachedDiscovery(fetcher),
      launch(url, interactive) {
        launched.push({ url, interactive });
        const reply = handleOidc(oidc, { method: 'GET', url: new URL(url), headers: { cookie }, body: '' });
        // The browser shows a page (a sign-in form) instead of redirecting: a person is needed.
        if (reply.status !== 302) return Promise.reject(new Error(interactive ? 'The user did not approve access.' : 'User interaction required.'));
        const location = reply.headers.location!;
        return Promise.resolve(options.redirect ? options.redirect(location) : location);
      },
      redirectUri: REDIRECT,
      now: () => new Date(),
    },
    assume(input) {
      assumed.push(input);
      return options.assume?.(input) ?? Promise.resolve({ credentials });
    },
    host: () =>
      freshHost(
        () => ({
          request(request: HostRequest) {
            if (request.type === 'ping') return Promise.resolve({ ok: true, type: 'ping', version: '0.1.0', protocol: PROTOCOL_VERSION, capabilities: ['ping', 'write-profiles'] });
            if (request.type === 'write-profiles') writes.push(request);
            return Promise.resolve({ ok: true, type: 'write-profiles', file: '/home/dev/.aws/credentials', profiles: request.type === 'write-profiles' ? request.profiles.map((p) => p.name) : [], refused: [], notes: [] });
          },
          close: () => undefined,
          closeWhenIdle: () => undefined,
          closed: new Promise(() => undefined),
        }),
        () => new Date(),
      ),
    now: () => new Date(),
    newId: () => 'login-1',
  };
  return { oidc, deps, launched, assumed, writes, records, kept };
}

describe('an OpenID Connect sign-in', () => {
  it('runs the code flow with PKCE and writes every role of the provider in one request', async () => {
    const h = harness();
    const record = await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: true, how: 'console' });
    expect(record).toMatchObject({ state: 'done', issuer: OIDC_ISSUER, how: 'console', file: '/home/dev/.aws/credentials' });
    expect(record.results.map((result) => [result.profile, result.state])).toEqual([['111122223333-Dev', 'written'], ['444455556666-Ops', 'written']]);
    const authorize = new URL(h.launched[0]!.url);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: 'stsbridge', redirect_uri: REDIRECT, scope: 'openid email', code_challenge_method: 'S256', audience: 'aws' });
    expect(authorize.searchParams.get('prompt')).toBeNull();
    // One token for both roles, the person's email as the session name, the default STS region.
    expect(h.assumed.map((input) => [input.role.roleArn, input.sessionName, input.endpoint.url])).toEqual([
      [DEV, 'dev.person@example.test', 'https://sts.us-east-1.amazonaws.com'],
      [OPS, 'dev.person@example.test', 'https://sts.us-east-1.amazonaws.com'],
    ]);
    expect(new Set(h.assumed.map((input) => input.token)).size).toBe(1);
    expect(h.writes).toHaveLength(1);
    expect(h.writes[0]!.source).toEqual({ how: 'console', idp: OIDC_ISSUER });
    // The token never reaches what is stored.
    const token = h.assumed[0]!.token;
    expect(JSON.stringify([h.records, h.kept, h.writes])).not.toContain(token.split('.')[1]);
  });

  it('asks without a window (prompt=none) when no person asked, for the wanted roles only', async () => {
    const h = harness();
    const record = await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: false, how: 'command', wanted: [OPS] });
    expect(record.state).toBe('done');
    expect(h.launched[0]).toMatchObject({ interactive: false });
    expect(new URL(h.launched[0]!.url).searchParams.get('prompt')).toBe('none');
    expect(h.assumed.map((input) => input.role.roleArn)).toEqual([OPS]);
  });

  it('says the session ended when the provider wants the person, and writes nothing', async () => {
    const h = harness({ session: false });
    const record = await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: false, how: 'silent' });
    expect(record).toMatchObject({ state: 'failed', error: { code: 'oidc-session-ended' } });
    expect(h.oidc.authorizeRequests).toEqual([{ session: false, prompt: 'none', formShown: false }]);
    expect(h.assumed).toEqual([]);
    expect(h.writes).toEqual([]);
  });

  it.each<[string, Options, string, RegExp]>([
    ['a token for another audience', { tamper: 'aud' }, 'oidc-id-token', /another application/],
    ['an expired token', { tamper: 'expired' }, 'oidc-id-token', /expired at/],
    ['a token with another nonce', { tamper: 'nonce' }, 'oidc-id-token', /nonce/],
    ['an unsigned token', { tamper: 'alg-none' }, 'oidc-id-token', /signed with none/],
    ['a redirect for another request', { redirect: (url) => url.replace(/state=[^&]+/, 'state=forged') }, 'oidc-state', /state differs/],
    ['a redirect to another site', { redirect: (url) => url.replace(REDIRECT, 'https://evil.example/') }, 'oidc-refused', /not to stsbridge/],
    ['a provider naming another issuer', { discovery: (doc) => ({ ...doc, issuer: 'https://elsewhere.example' }) }, 'oidc-discovery', /must be exactly/],
    ['a provider signing only with HS256', { discovery: (doc) => ({ ...doc, id_token_signing_alg_values_supported: ['HS256'] }) }, 'oidc-discovery', /AWS accepts RS256/],
    ['a provider without PKCE S256', { discovery: (doc) => ({ ...doc, code_challenge_methods_supported: ['plain'] }) }, 'oidc-discovery', /S256/],
  ])('refuses %s with a clear message, and sends nothing to AWS', async (_label, options, code, message) => {
    const h = harness(options);
    const record = await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: true, how: 'console' });
    expect(record).toMatchObject({ state: 'failed', error: { code, message: expect.stringMatching(message) } });
    expect(h.assumed).toEqual([]);
    expect(h.writes).toEqual([]);
  });

  it('writes the roles STS gave, and says why the others failed', async () => {
    const h = harness({ assume: (input) => (input.role.roleArn === OPS ? Promise.reject(new LoginError('sts-rejected', 'AWS STS refused the role Ops (AccessDenied)')) : Promise.resolve({ credentials })) });
    const record = await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: true, how: 'console' });
    expect(record.state).toBe('done');
    expect(record.results.map((result) => result.state)).toEqual(['written', 'failed']);
    expect(h.writes[0]!.profiles.map((profile) => profile.name)).toEqual(['111122223333-Dev']);
  });

  it('asks STS in the provider\'s region, for the session length in the options', async () => {
    const h = harness({ settings: { sessionDuration: 7200, oidcProviders: [{ ...PROVIDER, region: 'eu-west-1' }] } });
    await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: true, how: 'console' });
    expect(h.assumed[0]).toMatchObject({ durationSeconds: 7200, endpoint: { region: 'eu-west-1', url: 'https://sts.eu-west-1.amazonaws.com' } });
  });

  it('asks nothing of the provider for a refresh whose roles have left its list', async () => {
    const h = harness();
    expect(await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: false, how: 'command', wanted: ['arn:aws:iam::999999999999:role/Gone'] })).toMatchObject({ state: 'failed', error: { code: 'oidc-no-roles' } });
    expect(h.launched).toEqual([]);
  });

  it('refuses a provider the options do not list', async () => {
    const h = harness({ settings: { oidcProviders: [] } });
    expect(await runOidcLogin(OIDC_ISSUER, h.deps, { interactive: true, how: 'console' })).toMatchObject({ state: 'failed', error: { code: 'oidc-unknown-provider' } });
    expect(h.launched).toEqual([]);
  });
});
