// OpenID Connect sign-ins as the worker runs them: the browser's web auth flow, the STS client,
// the login's storage and host, notifications, and the per-provider rules of refresh/oidc-sign-in.

import { assumeRoleWithWebIdentity } from '../assume/sts-client';
import { cachedDiscovery } from '../capture/oidc/discovery';
import { notifyLogin, notifyOidcSessionEnded, syncExpiryAlarms } from '../show/notifications/notify';
import { oidcSignIn } from '../refresh/oidc-sign-in';
import type { SilentOutcome } from '../refresh/silent-sign-in';
import { markSessionEnded, signedIn } from '../storage/remember';
import { store } from '../storage/store';
import { loginDeps } from './login-deps';
import { runOidcLogin, type OidcLoginDeps, type OidcLoginRequest } from './run-oidc-login';

/**
 * chrome.identity directly: the options a non-interactive flow needs for providers that redirect
 * with script (abortOnLoadForNonInteractive, timeoutMsForNonInteractive) are Chrome's, and the
 * polyfill's types (Firefox's) do not have them.
 */
async function launch(url: string, interactive: boolean): Promise<string | undefined> {
  const timeout = (await store.settings.get()).silentSignInSeconds * 1000;
  return chrome.identity.launchWebAuthFlow({ url, interactive, ...(interactive ? {} : { abortOnLoadForNonInteractive: false, timeoutMsForNonInteractive: timeout }) });
}

const fetcher: typeof fetch = (input, init) => fetch(input, init);

const deps: OidcLoginDeps = {
  store: loginDeps.store,
  flow: {
    fetch: fetcher,
    discover: cachedDiscovery(fetcher),
    launch,
    get redirectUri() {
      return chrome.identity.getRedirectURL();
    },
    now: () => new Date(),
  },
  assume: assumeRoleWithWebIdentity,
  host: loginDeps.host,
  now: loginDeps.now,
  newId: loginDeps.newId,
};

/** An OIDC sign-in: a person's (the popup, a notification's button) or a refresh's. */
export function signInWithOidc(issuer: string, request: OidcLoginRequest): Promise<SilentOutcome> {
  return oidcSignIn(issuer, request, {
    async login(target, loginRequest) {
      const record = await runOidcLogin(target, deps, loginRequest);
      // A person's sign-in is announced like a console login; a refresh's moves the expiry warnings only.
      if (loginRequest.interactive) void notifyLogin(record).catch(() => undefined);
      else setTimeout(() => void syncExpiryAlarms().catch(() => undefined), 0);
      return record;
    },
    async sessionEnded(target) {
      return Object.hasOwn(await store.endedSessions.get(), target);
    },
    markSessionEnded: (target) => markSessionEnded(target, new Date().toISOString()),
    signedIn,
    notifySessionEnded: notifyOidcSessionEnded,
  });
}

/** Whether `issuer` is one of the options' OIDC providers (else: a SAML identity provider). */
export async function isOidcIssuer(issuer: string | undefined): Promise<boolean> {
  return issuer !== undefined && (await store.settings.get()).oidcProviders.some((provider) => provider.issuer === issuer);
}
