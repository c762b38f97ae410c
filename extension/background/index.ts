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
import { accountNames } from '../shared/account-names-store';
import { hostStatus, type HostStatus } from '../shared/host-status';
import { knownProviders } from '../shared/known-providers';
import { rememberRoles } from '../shared/known-roles';
import { lastLogin, type LoginRecord } from '../shared/login-record';
import { mergeRecent } from '../shared/recent-profiles';
import { mergeCredentials } from '../shared/session-credentials';
import { recentProfiles, sessionCredentials } from '../shared/session-store';
import { settings } from '../shared/settings-store';

/**
 * Read-merge-write updates of one storage.session item, one at a time: two logins finishing
 * together must not drop each other's profiles.
 */
let updates = Promise.resolve();
function serialized(update: () => Promise<void>): Promise<void> {
  const next = updates.then(update);
  updates = next.catch(() => undefined);
  return next;
}

const deps: LoginDeps = {
  connectHost,
  assume: assumeRoleWithSaml,
  assumeChained: assumeChainedRole,
  async record(record) {
    await lastLogin.set(record);
    if (record.results.length > 0) await serialized(async () => recentProfiles.set(mergeRecent(await recentProfiles.get(), record)));
  },
  reportHost: (status) => hostStatus.set(status),
  keepCredentials: (profiles) => serialized(async () => sessionCredentials.set(mergeCredentials(await sessionCredentials.get(), profiles, Date.now()))),
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
  forgetProfiles: (names) =>
    serialized(async () => {
      const gone = new Set(names);
      await recentProfiles.set((await recentProfiles.get()).filter((profile) => !gone.has(profile.profile)));
      const kept = await sessionCredentials.get();
      await sessionCredentials.set(Object.fromEntries(Object.entries(kept).filter(([name]) => !gone.has(name))));
    }),
  forgetCredentials: () => serialized(() => sessionCredentials.set({})),
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

/**
 * Where "Sign in again" goes: the address in the options. The identity provider's origin cannot
 * be learned from the sign-in POST: Chrome reports a request's `initiator` only to extensions
 * with host access to it, and stsbridge asks for none beyond AWS.
 */
async function loginUrl(): Promise<string | undefined> {
  return (await settings.get()).loginUrl || undefined;
}

async function warnBeforeExpiry(alarmName: string): Promise<void> {
  const due = dueProfiles(await recentProfiles.get(), alarmName);
  if (due.length === 0 || !(await settings.get()).notifications) return;
  const url = await loginUrl();
  await browser.notifications.create(alarmName, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(ICON),
    ...expiryMessage(due),
    ...(url ? { buttons: [{ title: 'Sign in again' }] } : {}),
  });
}

async function signInAgain(notificationId: string): Promise<void> {
  if (!isExpiryAlarm(notificationId)) return;
  const url = await loginUrl();
  if (url) await browser.tabs.create({ url });
  await browser.notifications.clear(notificationId);
}

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
browser.notifications.onButtonClicked.addListener((id) => void signInAgain(id).catch(() => undefined));
browser.notifications.onClicked.addListener((id) => void signInAgain(id).catch(() => undefined));

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => routeMessage(message, sender, messageDeps));

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    const post = readSamlPost(details as RequestDetails);
    // runLogin never rejects: failures are recorded for the popup.
    if (post) void runLogin(post, deps).then(onLogin).catch(() => undefined);
    return undefined;
  },
  { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] },
  ['requestBody'],
);

// The extension ID is fixed by the manifest's key; the host trusts only that one.
if (browser.runtime.id !== EXTENSION_ID) console.warn(`stsbridge: running as ${browser.runtime.id}, but the native host only answers ${EXTENSION_ID}.`);
