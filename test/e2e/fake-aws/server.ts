// One local HTTPS server playing four parts, chosen by the Host header that Chromium's
// --host-resolver-rules send here: SAML identity providers (idp.example.test, and two that behave
// like Okta and AD FS, vendor-idps.ts), an OpenID Connect provider (oidc.example.test, oidc.ts),
// the AWS sign-in endpoint (signin.aws.amazon.com and its regional, GovCloud and China forms)
// and STS. The sign-in part is as strict as AWS's where a login depends on it: the role page lists the
// assertion's roles, and a roleIndex must name one of them.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readAssertion } from './assertion';
import { handleOidc, newOidcState, OIDC_HOST, type OidcClient, type OidcState } from './oidc';
import { handleSts, newStsState, type StsCall, type StsState } from './sts';
import { selfSignedCertificate } from './tls';
import { ADFS_HOST, OKTA_HOST, vendorIdps, type VendorIdps } from './vendor-idps';

export const IDP_HOST = 'idp.example.test';
/** Where the SDK sends a login through the global sign-in endpoint: us-east-1's regional STS host. */
export const GLOBAL_STS = 'sts.us-east-1.amazonaws.com';

export interface LoginSpec {
  /** base64 SAMLResponse, as the IdP posts it. */
  readonly samlResponse: string;
  /** Where the IdP posts it; defaults to the global sign-in endpoint. */
  readonly signinUrl?: string;
  /**
   * The one STS host the extension must call for this login (and its chained roles), e.g.
   * `sts.us-east-1.amazonaws.com`: a call anywhere else is refused and recorded in `misdirected`.
   */
  readonly stsHost: string;
  /** Roles whose trust policy does not name the login's SAML provider: STS says AccessDenied. */
  readonly untrusted?: readonly string[];
  /** Account names AWS's role page shows (account ID → name); others are shown by ID. */
  readonly accountNames?: Readonly<Record<string, string>>;
  /**
   * Which of AWS's role pages a several-role login gets: the old HTML one (default), or the
   * current NextJS one, whose account labels are base64 JSON in <meta name="data">.
   */
  readonly rolePage?: 'legacy' | 'nextjs';
}

export interface SigninPost {
  /** performance.now() when the POST arrived. */
  readonly receivedAt: number;
  readonly host: string;
  readonly path: string;
  readonly roleIndex?: string;
}

export interface IdpSession {
  readonly signInUrl: string;
  readonly startUrl: string;
  /** Assertions the start address posted silently, and sign-in forms it showed instead. */
  readonly silentPosts: number;
  readonly formsShown: number;
  /** When (performance.now()) the start address last posted an assertion silently. */
  readonly lastSilentStart: number | undefined;
  end(): void;
}

export interface FakeAws {
  readonly port: number;
  /** Chromium flag value that sends every host this server plays here. */
  readonly hostResolverRules: string;
  readonly stsCalls: StsCall[];
  readonly signinPosts: SigninPost[];
  /** STS calls that went to another host than their login declared; a test asserts it is empty. */
  readonly misdirected: StsState['misdirected'];
  /** Milliseconds STS waits before answering (a real round trip, for benchmarks). */
  stsLatencyMs: number;
  /** Registers a login; returns the IdP URL whose page posts it. `manual` leaves the submit to the caller. */
  addLogin(spec: LoginSpec, options?: { manual?: boolean }): string;
  /**
   * An identity-provider session, kept in a cookie as a real IdP keeps it. `signInUrl` is the
   * person signing in (the cookie is set, and an assertion posted); `startUrl`, the IdP's AWS app,
   * posts a fresh assertion while the session lives, and shows a sign-in form once `end()` ended it.
   */
  startSession(spec: Omit<LoginSpec, 'samlResponse'> & { readonly samlResponse: () => string }): IdpSession;
  /**
   * Identity providers that behave like Okta and AD FS (vendor-idps.ts); each of their assertions
   * is `spec.samlResponse(issuer)`. Call once per server.
   */
  vendorIdps(spec: Omit<LoginSpec, 'samlResponse'> & { readonly samlResponse: (issuer: string) => string }): VendorIdps;
  setMaxSessionDuration(roleArn: string, seconds: number): void;
  /** Credentials issued from now on expire this many seconds ahead (undefined: as asked). */
  setCredentialLifetime(seconds: number | undefined): void;
  /** The next STS call for each of these roles is refused with Throttling. */
  throttleOnce(roleArns: readonly string[]): void;
  /** `roleArn`'s trust policy lets sessions of `from` assume it, with this ExternalId if given. */
  trust(roleArn: string, from: readonly string[], externalId?: string): void;
  /** The OpenID Connect provider at https://oidc.example.test: its sessions, codes and knobs. */
  readonly oidc: OidcState;
  /**
   * Registers a public client with the OIDC provider, and the provider with the AWS account (an
   * IAM OIDC identity provider whose audiences are its client IDs).
   */
  addOidcClient(client: OidcClient): void;
  /** `roleArn`'s trust policy lets web identities of the OIDC provider, for `audience`, assume it. */
  trustWebIdentity(roleArn: string, audience: string): void;
  /** Every OIDC session ends: the provider asks for a sign-in again. */
  endOidcSessions(): void;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function idpPage(spec: LoginSpec, manual: boolean): string {
  const action = spec.signinUrl ?? 'https://signin.aws.amazon.com/saml';
  return `<!doctype html><html><head><title>Example IdP</title></head><body>
<p>Signing you in to AWS…</p>
<form id="saml" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(spec.samlResponse)}">
<input type="hidden" name="RelayState" value="">
</form>
${manual ? '' : "<script>document.getElementById('saml').submit();</script>"}
</body></html>`;
}

/** The label AWS's role pages give an account: its alias and ID, or the ID alone. */
function accountLabel(account: string, names: Readonly<Record<string, string>>): string {
  return names[account] ? `${names[account]} (${account})` : account;
}

/** Modelled on AWS's legacy role-selection page (see the real-world fixtures). */
function rolePage(samlResponse: string, roles: readonly string[], names: Readonly<Record<string, string>> = {}): string {
  const accounts = [...new Set(roles.map((role) => role.split(':')[4]!))];
  const groups = accounts
    .map((account) => {
      const label = `Account: ${escapeHtml(accountLabel(account, names))}`;
      const radios = roles
        .filter((role) => role.split(':')[4] === account)
        .map((role) => `<div class="saml-role"><input type="radio" name="roleIndex" value="${escapeHtml(role)}" class="saml-radio" id="${escapeHtml(role)}"><label for="${escapeHtml(role)}" class="saml-role-description">${escapeHtml(role.split('/').at(-1)!)}</label></div>`)
        .join('\n');
      return `<div class="saml-account"><div class="saml-account-name">${label}</div>\n${radios}</div>`;
    })
    .join('\n');
  return `<!doctype html><html><head><title>Amazon Web Services Sign-In</title></head><body>
<form id="saml_form" name="saml_form" action="/saml" method="post">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
<input type="hidden" name="name" value=""><input type="hidden" name="portal" value="">
${groups}
<a id="signin_button" href="#" onclick="document.getElementById('saml_form').submit();return false;">Sign In</a>
</form></body></html>`;
}

/**
 * Modelled on AWS's current NextJS role page: the accounts and roles travel as base64 JSON in
 * <meta name="data"> (`roles_accounts`: label → role ARNs), and the page's script draws the same
 * form from it; here the form is in the HTML already, so a test can choose a role.
 */
function nextRolePage(samlResponse: string, roles: readonly string[], names: Readonly<Record<string, string>> = {}): string {
  const rolesAccounts: Record<string, string[]> = {};
  for (const role of roles) (rolesAccounts[accountLabel(role.split(':')[4]!, names)] ??= []).push(role);
  const data = Buffer.from(JSON.stringify({ invalid_accounts: {}, RelayState: '', name: null, roles_accounts: rolesAccounts, foreign_accounts: {}, region: 'IAD', portal: null })).toString('base64');
  const legacy = rolePage(samlResponse, roles, names);
  const form = legacy.slice(legacy.indexOf('<form'), legacy.indexOf('</form>') + '</form>'.length).replace(/<div class="saml-account-name">[^<]*<\/div>/g, '');
  return `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Amazon Web Services Sign-In</title>
<meta name="data" content="${data}"/>
<script id="__NEXT_DATA__" type="application/json">{"page":"/saml"}</script></head><body><div id="__next">${form}</div></body></html>`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startFakeAws(): Promise<FakeAws> {
  const logins = new Map<string, LoginSpec>();
  const sessions = new Map<string, { spec: Omit<LoginSpec, 'samlResponse'> & { samlResponse: () => string }; live: boolean; token: string; silentPosts: number; formsShown: number; lastSilentStart?: number }>();
  /** A freshly made assertion, known to the sign-in page and STS like any login's. */
  const register = (spec: LoginSpec) => {
    logins.set(spec.samlResponse, spec);
    sts.logins.set(spec.samlResponse, { samlResponse: spec.samlResponse, stsHost: spec.stsHost, ...(spec.untrusted ? { untrusted: new Set(spec.untrusted) } : {}) });
  };
  const pages = new Map<string, { spec: LoginSpec; manual: boolean }>();
  const sts = newStsState();
  const oidc = newOidcState();
  const signinPosts: SigninPost[] = [];
  let vendors: VendorIdps | undefined;

  const fake = {
    stsLatencyMs: 0,
  };

  const server = https.createServer(selfSignedCertificate(), (request, response) => {
    const receivedAt = performance.now();
    void (async () => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(request.url ?? '/', `https://${host}`);
      const body = await readBody(request);
      const send = (status: number, type: string, text: string) => {
        response.writeHead(status, { 'content-type': type, 'x-amzn-requestid': randomUUID() });
        response.end(text);
      };
      const vendor = vendors?.handle({ host, method: request.method ?? 'GET', url, cookie: request.headers.cookie ?? '', body });
      if (vendor) {
        response.writeHead(vendor.status, vendor.headers);
        return response.end(vendor.body);
      }
      const session = /^\/session\/([\w-]+)\/(signin|start)$/.exec(url.pathname);
      if (host === IDP_HOST && session) {
        const entry = sessions.get(session[1]!);
        if (!entry) return send(404, 'text/plain', 'no such session');
        const cookie = `idp_session_${session[1]}`;
        const hasCookie = (request.headers.cookie ?? '').split(/;\s*/).includes(`${cookie}=${entry.token}`);
        if (session[2] === 'start' && !(entry.live && hasCookie)) {
          entry.formsShown += 1;
          return send(200, 'text/html; charset=utf-8', '<!doctype html><title>Sign in</title><form><label>Password <input type="password" name="password"></label><button>Sign in</button></form>');
        }
        if (session[2] === 'signin') entry.live = true;
        else {
          entry.silentPosts += 1;
          entry.lastSilentStart = receivedAt;
        }
        const spec = { ...entry.spec, samlResponse: entry.spec.samlResponse() };
        register(spec);
        response.setHeader('set-cookie', `${cookie}=${entry.token}; Path=/; Secure; HttpOnly; SameSite=Lax`);
        return send(200, 'text/html; charset=utf-8', idpPage(spec, false));
      }
      if (host === OIDC_HOST) {
        const reply = handleOidc(oidc, { method: request.method ?? '', url, headers: request.headers, body });
        response.writeHead(reply.status, reply.headers);
        return response.end(reply.body);
      }
      if (host === IDP_HOST) {
        const page = pages.get(url.pathname.slice('/login/'.length));
        if (!page) return send(404, 'text/plain', 'no such login');
        return send(200, 'text/html; charset=utf-8', idpPage(page.spec, page.manual));
      }
      if (/^([a-z0-9-]+\.)?signin\.(aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/.test(host)) {
        if (request.method !== 'POST') return send(200, 'text/html', '<title>AWS Sign-In</title>');
        const form = new URLSearchParams(body);
        const samlResponse = form.get('SAMLResponse') ?? '';
        const roleIndex = form.get('roleIndex') ?? undefined;
        signinPosts.push({ receivedAt, host, path: url.pathname, ...(roleIndex ? { roleIndex } : {}) });
        const login = logins.get(samlResponse);
        const roles = [...(readAssertion(samlResponse)?.pairs ?? [])].map((pair) => pair.split(',')[0]!);
        if (!login || roles.length === 0) return send(400, 'text/html', '<title>Error</title><p>Your request included an invalid SAML response.</p>');
        if (roleIndex !== undefined && !roles.includes(roleIndex)) {
          return send(400, 'text/html', '<title>Error</title><p>The role you chose is not one the SAML response offers.</p>');
        }
        if (roles.length > 1 && roleIndex === undefined) {
          const page = login.rolePage === 'nextjs' ? nextRolePage : rolePage;
          return send(200, 'text/html; charset=utf-8', page(samlResponse, roles, login.accountNames));
        }
        return send(200, 'text/html', '<title>AWS Management Console</title><p>Console Home</p>');
      }
      // Every host under *.amazonaws.com[.cn] that looks like STS reaches the stand-in, which
      // answers only those AWS publishes.
      if (/^sts[.-]/.test(host)) {
        if (fake.stsLatencyMs > 0) await sleep(fake.stsLatencyMs);
        const reply = handleSts(sts, { method: request.method ?? '', path: url.pathname, url: request.url ?? '/', host, headers: request.headers, body, receivedAt });
        return send(reply.status, 'text/xml', reply.body);
      }
      return send(404, 'text/plain', `the fake AWS does not play ${host}`);
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const target = `127.0.0.1:${port}`;

  return Object.assign(fake, {
    port,
    // No quotes inside the value: Playwright passes it as one argument, and quotes would become
    // part of the rule (ERR_NAME_NOT_RESOLVED).
    hostResolverRules: [
      'signin.aws.amazon.com', '*.signin.aws.amazon.com', 'signin.amazonaws-us-gov.com', '*.signin.amazonaws-us-gov.com',
      'signin.amazonaws.cn', '*.signin.amazonaws.cn', '*.amazonaws.com', '*.amazonaws.com.cn', IDP_HOST, OIDC_HOST, OKTA_HOST, ADFS_HOST,
    ].map((pattern) => `MAP ${pattern} ${target}`).join(', '),
    stsCalls: sts.calls,
    signinPosts,
    misdirected: sts.misdirected,
    addLogin(spec: LoginSpec, options: { manual?: boolean } = {}) {
      const id = randomUUID();
      logins.set(spec.samlResponse, spec);
      pages.set(id, { spec, manual: options.manual ?? false });
      sts.logins.set(spec.samlResponse, {
        samlResponse: spec.samlResponse,
        stsHost: spec.stsHost,
        ...(spec.untrusted ? { untrusted: new Set(spec.untrusted) } : {}),
      });
      return `https://${IDP_HOST}/login/${id}`;
    },
    startSession(spec: Omit<LoginSpec, 'samlResponse'> & { readonly samlResponse: () => string }): IdpSession {
      const id = randomUUID();
      const entry: { spec: typeof spec; live: boolean; token: string; silentPosts: number; formsShown: number; lastSilentStart?: number } = { spec, live: false, token: randomUUID(), silentPosts: 0, formsShown: 0 };
      sessions.set(id, entry);
      return {
        signInUrl: `https://${IDP_HOST}/session/${id}/signin`,
        startUrl: `https://${IDP_HOST}/session/${id}/start`,
        get silentPosts() {
          return entry.silentPosts;
        },
        get formsShown() {
          return entry.formsShown;
        },
        get lastSilentStart() {
          return entry.lastSilentStart;
        },
        end() {
          entry.live = false;
        },
      };
    },
    vendorIdps(spec: Omit<LoginSpec, 'samlResponse'> & { readonly samlResponse: (issuer: string) => string }) {
      vendors = vendorIdps((issuer) => {
        const login = { ...spec, samlResponse: spec.samlResponse(issuer) };
        register(login);
        return idpPage(login, false);
      });
      return vendors;
    },
    setMaxSessionDuration(roleArn: string, seconds: number) {
      sts.maxSessionDuration.set(roleArn, seconds);
    },
    setCredentialLifetime(seconds: number | undefined) {
      sts.lifetimeSeconds = seconds;
    },
    throttleOnce(roleArns: readonly string[]) {
      for (const roleArn of roleArns) sts.throttleOnce.add(roleArn);
    },
    trust(roleArn: string, from: readonly string[], externalId?: string) {
      sts.trust.set(roleArn, { from: new Set(from), ...(externalId === undefined ? {} : { externalId }) });
    },
    oidc,
    addOidcClient(client: OidcClient) {
      oidc.clients.set(client.clientId, client);
      const known = sts.webIdentity.providers.get(oidc.issuer);
      sts.webIdentity.providers.set(oidc.issuer, { clientIds: new Set([...(known?.clientIds ?? []), client.clientId]), keys: () => oidc.keys.map((key) => key.jwk) });
    },
    trustWebIdentity(roleArn: string, audience: string) {
      sts.webIdentity.trust.set(roleArn, { issuer: oidc.issuer, audience });
    },
    endOidcSessions() {
      for (const session of oidc.sessions.values()) session.live = false;
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  });
}
