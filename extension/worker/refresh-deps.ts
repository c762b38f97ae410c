// The refresh's dependencies as the worker has them: windows, storage, notifications, alarms and
// the login itself. refresh/ takes them as arguments, so its logic runs in unit tests.

import browser from 'webextension-polyfill';
import type { BrowserRefreshRequest, RefreshResult } from '../../native-host/refresh-protocol';
import { refreshProfiles } from '../refresh/refresh-profiles';
import { planKeepFresh } from '../refresh/keep-fresh';
import { oneAttemptPerIssuer } from '../refresh/one-attempt';
import { silentSignIn, type SilentOutcome, type SilentRequest, type SilentSignInDeps } from '../refresh/silent-sign-in';
import { stalledAddresses, startAddress } from '../refresh/start-address';
import { addressFailed, addressWorked, ownValue } from '../storage/identity-providers';
import { notifyNoStartAddress, notifySessionEnded, syncExpiryAlarms } from '../show/notifications/notify';
import { markSessionEnded } from '../storage/remember';
import { store } from '../storage/store';
import { fetchIdpPage, readIdpPage } from './idp-page';
import { loginDeps } from './login-deps';
import { openSilentWindow } from './silent-window';
import { isOidcIssuer, signInWithOidc } from './oidc-deps';
import { runLogin } from './run-login';

const signInDeps: SilentSignInDeps = {
  async startAddress(issuer) {
    const [settings, known] = await Promise.all([store.settings.get(), store.identityProviders.get()]);
    return startAddress(issuer, settings, known);
  },
  async addressWorked(issuer, address) {
    if (issuer !== undefined) await store.identityProviders.update((known) => addressWorked(known, issuer, address));
  },
  async addressFailed(issuer, address, problem) {
    if (issuer === undefined) return;
    await store.identityProviders.update((known) => addressFailed(known, issuer, address));
    void notifyNoStartAddress(issuer, problem).catch(() => undefined);
  },
  fetchPage: fetchIdpPage,
  readPage: (tabId) => readIdpPage(tabId).catch(() => undefined),
  async sessionEnded(issuer) {
    return Object.hasOwn(await store.endedSessions.get(), issuer ?? '');
  },
  markSessionEnded: (issuer) => markSessionEnded(issuer, new Date().toISOString()),
  notifySessionEnded,
  openWindow: openSilentWindow,
  closeWindow: (windowId) => browser.windows.remove(windowId),
  async login(post, request) {
    const record = await runLogin(post, loginDeps, request);
    // New expiry times: the warnings move with them, after the answer has gone to whoever waits.
    // (No "refreshed" notification: the command that asked says so, the popup shows it, and
    // keeping fresh is meant to go unnoticed.)
    setTimeout(() => void syncExpiryAlarms().catch(() => undefined), 0);
    return record;
  },
  async timeoutMs() {
    return (await store.settings.get()).silentSignInSeconds * 1000;
  },
};

/**
 * A silent sign-in through `issuer`: an OpenID Connect provider's flow without a window, or a SAML
 * IdP's start address in one. Every caller at once shares one attempt (refresh/one-attempt.ts).
 */
const signInOnce = oneAttemptPerIssuer(async (issuer: string | undefined, wanted: readonly string[], how: SilentRequest['how']): Promise<SilentOutcome> =>
  (await isOidcIssuer(issuer)) ? signInWithOidc(issuer!, { interactive: false, how, wanted }) : silentSignIn(issuer, { wanted, how }, signInDeps),
);

/** Refreshes the named profiles: a silent sign-in per identity provider. */
export function refreshNamed(request: Pick<BrowserRefreshRequest, 'profiles' | 'all'>, how: SilentRequest['how']): Promise<RefreshResult[]> {
  return refreshProfiles(request, {
    origins: () => store.profileOrigins.get(),
    signIn: (issuer, wanted) => signInOnce(issuer, wanted, how),
  });
}

/** Answers the host's `refresh`: the command line asked. */
export function answerRefresh(request: BrowserRefreshRequest): Promise<readonly RefreshResult[]> {
  return refreshNamed(request, 'command');
}

const KEEP_FRESH_ALARM = 'keep-fresh';

export function isKeepFreshAlarm(name: string): boolean {
  return name === KEEP_FRESH_ALARM;
}

let keeping: Promise<void> | undefined;
let again = false;

/**
 * Refreshes the kept-fresh profiles that are due, then sets the one alarm for the next. Called on
 * that alarm, at start-up, after a person's sign-in and when the options change; a call while one
 * runs makes it plan once more when it ends, so no change is missed and no two run at once.
 */
export function keepFresh(): Promise<void> {
  if (keeping) {
    again = true;
    return keeping;
  }
  keeping = (async () => {
    do {
      again = false;
      await keepFreshOnce();
    } while (again);
  })().finally(() => (keeping = undefined));
  return keeping;
}

async function keepFreshOnce(): Promise<void> {
  const [origins, settings, signIns, endedSessions, attempts, known] = await Promise.all([
    store.profileOrigins.get(),
    store.settings.get(),
    store.signIns.get(),
    store.endedSessions.get(),
    store.keepFreshAttempts.get(),
    store.identityProviders.get(),
  ]);
  const now = Date.now();
  // An address that sent no sign-in is not tried every few minutes: it waits, like an ended
  // session, for what can change the answer (here, another address in the options).
  const ended = { ...stalledAddresses(settings, known), ...endedSessions };
  const plan = planKeepFresh({ origins, settings, signIns, ended, attempts }, now);
  if (plan.due.length > 0) {
    // Recorded before the sign-in, so a failure waits RETRY_MS instead of looping.
    const issuers = new Set(plan.due.map((profile) => ownValue(origins, profile)?.issuer ?? ''));
    await store.keepFreshAttempts.update((tried) => ({ ...tried, ...Object.fromEntries([...issuers].map((issuer) => [issuer, new Date(now).toISOString()])) }));
    await refreshNamed({ profiles: plan.due }, 'silent');
    // The refreshed profiles have new expiry times: plan again for the alarm.
    again = true;
    return;
  }
  if (plan.next === undefined) await browser.alarms.clear(KEEP_FRESH_ALARM);
  else await browser.alarms.create(KEEP_FRESH_ALARM, { when: plan.next });
}
