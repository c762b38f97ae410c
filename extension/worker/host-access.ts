// Which host the worker uses: the resident one, whose port stays open while the browser runs
// (the default), or a host started for each use when the options turn that off. Logins and the
// pages' requests (the popup's "Check again", the options' managed-profile list) both come here.

import browser from 'webextension-polyfill';
import type { MessageDeps } from '../messages/route-message';
import type { HostStatus } from '../storage/host-status';
import { store } from '../storage/store';
import { unwritableError } from '../write/host-check';
import { freshHost, type HostLease } from '../write/host-lease';
import { connectHost, type HostAsks } from '../write/host-port';
import { residentHost } from '../write/resident-host';

const now = () => new Date();

// The host may ask for a refresh (from the command line) on any connection: each one answers,
// with what main.ts sets (refresh-deps.ts needs the login, which needs this module: so it is set
// from outside rather than imported).
let answer: HostAsks = () => Promise.resolve([]);
const connect = () => connectHost((request) => answer(request));

/** How the host's requests (protocol 5's refresh) are answered. */
export function answerHostRequests(answerer: HostAsks): void {
  answer = answerer;
}

const resident = residentHost({
  connect,
  now,
  report: (status) => store.hostStatus.set(status),
  schedule(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
});

/** Until the settings are read, the default: keep it running. */
let keepRunning = true;

/** Follows the "keep the helper running" option: opens the port, or closes it for good. */
export function keepHostRunning(keep: boolean): void {
  keepRunning = keep;
  if (keep) resident.start();
  else resident.stop();
}

export function hostLease(): HostLease {
  return keepRunning ? resident.lease() : freshHost(connect, now);
}

/** Asks the host how it is, so the popup can say so before the first login needs it. */
export async function checkHost(): Promise<HostStatus> {
  const lease = hostLease();
  try {
    const { status } = await lease.ready;
    await store.hostStatus.set(status);
    return status;
  } finally {
    lease.release();
  }
}

/** The pages' requests that go to the host; main.ts adds the rest. */
export const messageDeps: Omit<MessageDeps, 'refreshProfile' | 'oidcSignIn'> = {
  extensionId: browser.runtime.id,
  extensionUrl: browser.runtime.getURL(''),
  checkHost,
  async hostRequest(request) {
    const lease = hostLease();
    try {
      const { connection, status } = await lease.ready;
      const unusable = unwritableError(status);
      if (unusable) throw unusable;
      return await connection.request(request);
    } finally {
      lease.release();
    }
  },
  async forgetProfiles(names) {
    const gone = new Set(names);
    await store.recentProfiles.update((recent) => recent.filter((profile) => !gone.has(profile.profile)));
    await store.sessionCredentials.update((kept) => Object.fromEntries(Object.entries(kept).filter(([name]) => !gone.has(name))));
  },
  async forgetCredentials() {
    await store.sessionCredentials.update(() => ({}));
  },
};
