// A host to use for one login or one page request: a connection, and what its ping said. A
// lease from the resident host (resident-host.ts) shares the browser-long port; a fresh one
// starts a host process for this use alone and ends it on release.

import type { HostStatus } from '../storage/host-status';
import { pingHost } from './host-check';
import type { HostConnection } from './host-port';

export interface PingedHost {
  readonly connection: HostConnection;
  readonly status: HostStatus;
}

export interface HostLease {
  /** Never rejects: a host that is missing or broken says so in `status`. */
  readonly ready: Promise<PingedHost>;
  /** Done with it: a fresh host ends, the resident one stays. */
  release(): void;
}

/** A host process of its own, for one use: what every use was before the resident host. */
export function freshHost(connect: () => HostConnection, now: () => Date): HostLease {
  const connection = connect();
  return {
    ready: pingHost(connection, now).then((status) => ({ connection, status })),
    release: () => connection.closeWhenIdle(),
  };
}
