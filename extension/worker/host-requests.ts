// The host as the pages reach it through the worker: a short-lived connection per request (the
// popup's "Check again", the options' managed-profile list and its Remove buttons).

import browser from 'webextension-polyfill';
import type { MessageDeps } from '../messages/route-message';
import type { HostStatus } from '../storage/host-status';
import { store } from '../storage/store';
import { pingHost } from '../write/host-check';
import { connectHost, type HostConnection } from '../write/host-port';

async function withHost<T>(use: (host: HostConnection) => Promise<T>): Promise<T> {
  const host = connectHost();
  try {
    return await use(host);
  } finally {
    host.close();
  }
}

/** Asks the host how it is, so the popup can say so before the first login needs it. */
export async function checkHost(): Promise<HostStatus> {
  const status = await withHost((host) => pingHost(host, () => new Date()));
  await store.hostStatus.set(status);
  return status;
}

export const messageDeps: MessageDeps = {
  extensionId: browser.runtime.id,
  extensionUrl: browser.runtime.getURL(''),
  checkHost,
  hostRequest: (request) => withHost((host) => host.request(request)),
  async forgetProfiles(names) {
    const gone = new Set(names);
    await store.recentProfiles.update((recent) => recent.filter((profile) => !gone.has(profile.profile)));
    await store.sessionCredentials.update((kept) => Object.fromEntries(Object.entries(kept).filter(([name]) => !gone.has(name))));
  },
  async forgetCredentials() {
    await store.sessionCredentials.update(() => ({}));
  },
};
