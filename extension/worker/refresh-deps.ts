// The refresh's dependencies as the worker has them: windows, storage, notifications, and the
// login itself. refresh/ takes them as arguments, so its logic runs in unit tests.

import browser from 'webextension-polyfill';
import type { BrowserRefreshRequest, RefreshResult } from '../../native-host/refresh-protocol';
import { refreshProfiles } from '../refresh/refresh-profiles';
import { silentSignIn, type SilentSignInDeps } from '../refresh/silent-sign-in';
import { notifySessionEnded, syncExpiryAlarms } from '../show/notifications/notify';
import { signInTargets } from '../show/notifications/sign-in-targets';
import { markSessionEnded } from '../storage/remember';
import { store } from '../storage/store';
import { loginDeps } from './login-deps';
import { runLogin } from './run-login';

const signInDeps: SilentSignInDeps = {
  async startAddress(issuer) {
    const [address] = signInTargets([issuer], await store.settings.get(), await store.identityProviders.get());
    return address;
  },
  async sessionEnded(issuer) {
    return Object.hasOwn(await store.endedSessions.get(), issuer ?? '');
  },
  markSessionEnded: (issuer) => markSessionEnded(issuer, new Date().toISOString()),
  notifySessionEnded,
  async openWindow(url) {
    // The least visible window Chrome, Chromium, Brave and Edge all open: minimized, unfocused.
    const window = await browser.windows.create({ url, focused: false, state: 'minimized' });
    const tabId = window.tabs?.[0]?.id;
    if (window.id === undefined || tabId === undefined) throw new Error('the browser opened no tab for the sign-in');
    return { windowId: window.id, tabId };
  },
  closeWindow: (windowId) => browser.windows.remove(windowId),
  async login(post, wanted) {
    const record = await runLogin(post, loginDeps, { wanted });
    // New expiry times: the warnings move with them. (No "refreshed" notification: the command
    // that asked says so.)
    await syncExpiryAlarms().catch(() => undefined);
    return record;
  },
  async timeoutMs() {
    return (await store.settings.get()).silentSignInSeconds * 1000;
  },
};

/** Answers the host's `refresh`: a silent sign-in per identity provider of the profiles named. */
export function answerRefresh(request: BrowserRefreshRequest): Promise<readonly RefreshResult[]> {
  return refreshProfiles(request, {
    origins: () => store.profileOrigins.get(),
    signIn: (issuer, wanted) => silentSignIn(issuer, wanted, signInDeps),
  });
}
