// The one native port the worker keeps open while the browser runs. Chrome starts the host when
// the port opens and keeps the worker alive while it holds a native port (Chrome 105+), so a
// login pays neither for starting node nor for waking the worker. Every login, ping and page
// request goes through it; it reconnects when the port drops: at once when something needs the
// host, otherwise after a backoff, so a host that cannot start is not restarted in a loop.

import type { HostReply } from '../../native-host/protocol';
import type { HostStatus } from '../storage/host-status';
import { statusOfPing } from './host-check';
import type { HostLease, PingedHost } from './host-lease';
import type { HostConnection } from './host-port';

export interface ResidentHostDeps {
  readonly connect: () => HostConnection;
  readonly now: () => Date;
  /** Keeps the latest status for the popup. */
  readonly report: (status: HostStatus) => Promise<void>;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  readonly schedule: (run: () => void, ms: number) => () => void;
}

export interface ResidentHost {
  /** Keeps a port open from now on: at browser start, install, and every wake of the worker. */
  start(): void;
  /** Closes the port and stops reconnecting (the option was turned off). */
  stop(): void;
  /** The open port, pinged; a new one when there is none, or when a newer host was installed. */
  lease(): HostLease;
}

/** Waits before each reconnect after the port dropped: the first is immediate. */
export const RECONNECT_BACKOFF_MS = [0, 1_000, 5_000, 15_000, 60_000, 300_000] as const;

interface Pinged extends PingedHost {
  /** The host asks to be replaced: a newer version is installed, or it is too old for us. */
  readonly stale: boolean;
}

async function ping(connection: HostConnection, now: () => Date): Promise<Pinged> {
  let reply: HostReply;
  try {
    reply = await connection.request({ type: 'ping' });
  } catch (error) {
    return { connection, status: { ...statusOfPing({ error }, now()), resident: true }, stale: false };
  }
  const status = { ...statusOfPing({ reply }, now()), resident: true };
  const superseded = reply.ok && reply.type === 'ping' && reply.superseded === true;
  return { connection, status, stale: superseded || status.state === 'too-old' };
}

export function residentHost(deps: ResidentHostDeps): ResidentHost {
  let current: HostConnection | undefined;
  let running = false;
  let failures = 0;
  let cancelRetry: (() => void) | undefined;

  const open = (): HostConnection => {
    cancelRetry?.();
    cancelRetry = undefined;
    const connection = deps.connect();
    current = connection;
    void connection.closed.then(() => {
      // A port closed on purpose (replaced, or the option turned off) is no longer `current`.
      if (current !== connection) return;
      current = undefined;
      if (running) retryLater();
    });
    return connection;
  };

  /** Stops giving out `connection`; it closes once its last request is answered. */
  const retire = (connection: HostConnection) => {
    if (current === connection) current = undefined;
    connection.closeWhenIdle();
  };

  const ready = async (): Promise<PingedHost> => {
    const first = await ping(current ?? open(), deps.now);
    if (first.status.state === 'ok' && !first.stale) failures = 0;
    if (!first.stale) return first;
    // A newer host was installed over this one (or this one predates us): the next request
    // should run on whatever is installed now. One retry only: a host still too old says so.
    retire(first.connection);
    return ping(open(), deps.now);
  };

  const check = () =>
    ready()
      .then(({ status }) => deps.report(status))
      .catch(() => undefined);

  function retryLater(): void {
    const delay = RECONNECT_BACKOFF_MS[Math.min(failures, RECONNECT_BACKOFF_MS.length - 1)]!;
    failures += 1;
    cancelRetry = deps.schedule(() => {
      cancelRetry = undefined;
      if (running && !current) void check();
    }, delay);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void check();
    },
    stop() {
      running = false;
      cancelRetry?.();
      cancelRetry = undefined;
      if (current) retire(current);
    },
    lease() {
      return { ready: ready(), release: () => undefined };
    },
  };
}
