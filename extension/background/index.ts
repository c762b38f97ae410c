// The service worker's wiring. Listeners are registered synchronously at the top level: MV3
// starts a stopped worker for an event only if the listener exists when the script first runs.

import browser from 'webextension-polyfill';
import { SIGNIN_URL_PATTERNS, readSamlPost, type RequestDetails } from './capture';
import { assumeRoleWithSaml } from './assume';
import { pingHost } from './host-check';
import { connectHost } from './host-port';
import { runLogin, type LoginDeps } from './login';
import { hostStatus } from '../shared/host-status';
import { knownProviders } from '../shared/known-providers';
import { lastLogin } from '../shared/login-record';
import { unwrittenCredentials } from '../shared/unwritten-credentials';

const deps: LoginDeps = {
  connectHost,
  assume: assumeRoleWithSaml,
  record: (record) => lastLogin.set(record),
  reportHost: (status) => hostStatus.set(status),
  keepUnwritten: (value) => unwrittenCredentials.set(value),
  providers: knownProviders,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

/** Asks the host how it is, so the popup can say so before the first login needs it. */
async function checkHost(): Promise<void> {
  const host = connectHost();
  try {
    await hostStatus.set(await pingHost(host, () => new Date()));
  } finally {
    host.close();
  }
}

// On install or update, and when the browser starts: not on every wake of the worker, which
// would start a host process each time.
browser.runtime.onInstalled.addListener(() => void checkHost());
browser.runtime.onStartup.addListener(() => void checkHost());

browser.webRequest.onBeforeRequest.addListener(
  (details) => {
    const post = readSamlPost(details as RequestDetails);
    // runLogin never rejects: failures are recorded for the popup.
    if (post) void runLogin(post, deps);
    return undefined;
  },
  { urls: SIGNIN_URL_PATTERNS, types: ['main_frame', 'sub_frame'] },
  ['requestBody'],
);
