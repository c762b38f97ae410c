// The service worker's wiring. Listeners are registered synchronously at the top level: MV3
// starts a stopped worker for an event only if the listener exists when the script first runs.
// Nothing here lives only in memory: what the popup shows is in storage.session.

import browser from 'webextension-polyfill';
import { EXTENSION_ID } from '../../native-host/protocol';
import { SIGNIN_URL_PATTERNS, readSamlPost, type RequestDetails } from './capture';
import { assumeChainedRole, assumeRoleWithSaml } from './assume';
import { pingHost } from './host-check';
import { connectHost, type HostConnection } from './host-port';
import { runLogin, type LoginDeps } from './login';
import { dueProfiles, expiryMessage, isExpiryAlarm, plannedAlarms } from './expiry-alarms';
import { routeMessage, type MessageDeps } from './messages';
import { refreshedMessage } from './notify';
import { joinByRequest } from './request-join';
import { accountNames } from '../shared/account-names-store';
import { hostStatus, type HostStatus } from '../shared/host-status';
import { signInTargets, startPageFrom } from '../shared/identity-providers';
import { identityProviders, rememberIdentityProvider } from '../shared/identity-providers-store';
import { knownProviders } from '../shared/known-providers';
import { rememberRoles } from '../shared/known-roles';
import { lastLogin, type LoginRecord } from '../shared/login-record';
import { mergeRecent, type RecentProfile } from '../shared/recent-profiles';
import { mergeCredentials } from '../shared/session-credentials';
import { recentProfiles, sessionCredentials } from '../shared/session-store';
import { settings } from '../shared/settings-store';

const deps: LoginDeps = {
  connectHost,
  assume: assumeRoleWithSaml,
  assumeChained: assumeChainedRole,
  async record(record) {
    await lastLogin.set(record);
    if (record.results.length > 0) await recentProfiles.update((recent) => mergeRecent(recent, record));
  },
  reportHost: (status) => hostStatus.set(status),
  async keepCredentials(profiles) {
    await sessionCredentials.update((kept) => mergeCredentials(kept, profiles, Date.now()));
  },
  settings: () => settings.get(),
  accountNames: () => accountNames.get(),
  rememberRoles,
  providers: knownProviders,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

/** One short-lived host connection for one request. */
async function withHost<T>(use: (host: HostConnection) => Promise<T>): Promise<T> {
  const host = connectHost();
  try {
    return await use(host);
  } finally {
    host.close();
  }
}

/** Asks the host how it is, so the popup can say so before the first login needs it. */
async function checkHost(): Promise<HostStatus> {
  const status = await withHost((host) => pingHost(host, () => new Date()));
  await hostStatus.set(status);
  return status;
}

const messageDeps: MessageDeps = {
  extensionId: browser.runtime.id,
  extensionUrl: browser.runtime.getURL(''),
  checkHost,
  hostRequest: (request) => withHost((host) => host.request(request)),
  async forgetProfiles(names) {
    const gone = new Set(names);
    await recentProfiles.update((recent) => recent.filter((profile) => !gone.has(profile.profile)));
    await sessionCredentials.update((kept) => Object.fromEntries(Object.entries(kept).filter(([name]) => !gone.has(name))));
  },
  async forgetCredentials() {
    await sessionCredentials.update(() => ({}));
  },
};

const ICON = 'extension/icons/icon-128.png';

async function onLogin(record: LoginRecord): Promise<void> {
  await syncExpiryAlarms();
  const text = refreshedMessage(record);
  if (!text || !(await settings.get()).notifications) return;
  await browser.notifications.create(`login-${record.id}`, { type: 'basic', iconUrl: browser.runtime.getURL(ICON), ...text });
}

/**
 * One alarm per expiry time of the written profiles, 10 minutes ahead; alarms outlive the
 * worker, and the profiles they warn about are read from storage when they fire.
 */
async function syncExpiryAlarms(): Promise<void> {
  const planned = plannedAlarms(await recentProfiles.get(), Date.now());
  const existing = (await browser.alarms.getAll()).filter((alarm) => isExpiryAlarm(alarm.name));
  for (const alarm of existing) {
    if (!planned.some((plan) => plan.name === alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const plan of planned) {
    if (!existing.some((alarm) => alarm.name === plan.name)) await browser.alarms.create(plan.name, { when: plan.when });
  }
}

/** Where "Sign in again" can go for the profiles an alarm warns about (see signInTargets). */
async function signInUrls(alarmName: string): Promise<{ due: RecentProfile[]; urls: string[] }> {
  const due = dueProfiles(await recentProfiles.get(), alarmName);
  const urls = signInTargets(due.map((profile) => profile.issuer), await settings.get(), await identityProviders.get());
  return { due, urls };
}

async function warnBeforeExpiry(alarmName: string): Promise<void> {
  const { due, urls } = await signInUrls(alarmName);
  if (due.length === 0 || !(await settings.get()).notifications) return;
  // One button per identity provider (Chrome shows two at most); with two, each names its host.
  const buttons = urls.map((url) => ({ title: urls.length === 1 ? 'Sign in again' : `Sign in again at ${new URL(url).host}` }));
  await browser.notifications.create(alarmName, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    ...expiryMessage(due),
    ...(buttons.length > 0 ? { buttons } : {}),
  });
}

async function signInAgain(notificationId: string, buttonIndex = 0): Promise<void> {
  if (!isExpiryAlarm(notificationId)) return;
  // Worked out again from storage: the worker may have slept since the warning went up.
  const { urls } = await signInUrls(notificationId);
  const url = urls[buttonIndex] ?? urls[0];
  if (url) await browser.tabs.create({ url });
  await browser.notifications.clear(notificationId);
}

/**
 * Each login's identity provider, with the page its sign-in started from: the POST's Referer.
 * Chrome shows a Referer to extensions only with `extraHeaders` (and a request's `initiator`
 * only with host access to it, which stsbridge does not ask for). The listener only observes;
 * it costs about 6 ms before the POST leaves, and nothing measurable end to end (README).
 */
const startPages = joinByRequest<string | undefined, string | undefined>(16, (issuer, startPage) => {
  if (issuer) void rememberIdentityProvider(issuer, startPage, new Date().toISOString()).catch(() => undefined);
});

// On install or update, and when the browser starts: not on every wake of the worker, which
// would start a host process each time.
browser.runtime.onInstalled.addListener(() => void checkHost().catch(() => undefined));
browser.runtime.onStartup.addListener(() => {
  void checkHost().catch(() => undefined);
  // storage.session starts empty with the browser: warnings for the last session's profiles go.
  void syncExpiryAlarms().catch(() => undefined);
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (isExpiryAlarm(alarm.name)) void warnBeforeExpiry(alarm.name).catch(() => undefined);
});
browser.notifications.onButtonClicked.addListener((id, buttonIndex) => void signInAgain(id, buttonIndex).catch(() => undefined));
browser.notifications.onClicked.addListener((id) => void signInAgain(id).catch(() => undefined));

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => routeMessage(message, sender, messageDeps));

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    const post = readSamlPost(details as RequestDetails);
    // runLogin never rejects: failures are recorded for the popup.
    if (post) {
      void runLogin(post, deps)
        .then((record) => {
          startPages.left(details.requestId, record.issuer);
          return onLogin(record);
        })
        .catch(() => undefined);
    }
    return undefined;
  },
  { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] },
  ['requestBody'],
);

browser.webRequest.onSendHeaders.addListener(
  (details) => {
    const referrer = details.requestHeaders?.find((header) => header.name.toLowerCase() === 'referer')?.value;
    startPages.right(details.requestId, startPageFrom(referrer));
  },
  { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] },
  ['requestHeaders', 'extraHeaders'],
);

// The extension ID is fixed by the manifest's key; the host trusts only that one.
if (browser.runtime.id !== EXTENSION_ID) console.warn(`stsbridge: running as ${browser.runtime.id}, but the native host only answers ${EXTENSION_ID}.`);
