// The service worker's wiring. Listeners are registered synchronously at the top level: MV3
// starts a stopped worker for an event only if the listener exists when the script first runs.

import browser from 'webextension-polyfill';
import { SIGNIN_URL_PATTERNS, readSamlPost, type RequestDetails } from './capture';
import { assumeRoleWithSaml } from './assume';
import { connectHost } from './host-port';
import { runLogin, type LoginDeps } from './login';
import { knownProviders } from '../shared/known-providers';
import { lastLogin } from '../shared/login-record';

const deps: LoginDeps = {
  connectHost,
  assume: assumeRoleWithSaml,
  record: (record) => lastLogin.set(record),
  providers: knownProviders,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

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
