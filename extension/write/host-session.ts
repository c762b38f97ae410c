// The host as one login uses it: acquired once, as soon as the login's STS requests are out (so
// a host that has to start hides behind the STS round trip), pinged as it is acquired, and asked
// to write once. The types carry what used to be comments: write() acquires the host if nothing
// did, and a failure comes back as a value, never as an exception the login has to route.

import type { ProfileCredentials, WriteProfilesReply, WriteProfilesRequest } from '../../native-host/protocol';
import type { HostStatus } from '../storage/host-status';
import { expectReply, unwritableError } from './host-check';
import type { HostLease } from './host-lease';

/** The protocol that added `source` to `write-profiles`. */
const SOURCE_PROTOCOL = 6;

export type WriteOutcome = { readonly reply: WriteProfilesReply } | { readonly error: unknown };

export interface HostSession {
  /** Acquires the host now; later calls do nothing. */
  start(): void;
  /** Writes every profile in one request, once the ping said the host can, with where they came from. */
  write(profiles: readonly ProfileCredentials[], source?: WriteProfilesRequest['source']): Promise<WriteOutcome>;
  /** Done: releases the host (a fresh one ends, the resident one stays). */
  close(): void;
}

export interface HostSessionDeps {
  /** The resident host's lease, or a fresh host's (host-lease.ts). */
  readonly acquire: () => HostLease;
  /** Keeps what the ping said, for the popup. Not awaited: storage is not on the critical path. */
  readonly report: (status: HostStatus) => Promise<void>;
}

export function hostSession(deps: HostSessionDeps): HostSession {
  let lease: HostLease | undefined;
  const start = () => (lease ??= deps.acquire());
  return {
    start() {
      start();
    },
    async write(profiles, source) {
      const { connection, status } = await start().ready;
      // A host before protocol 6 refuses a field it does not know: it gets none.
      const stamped = source && (status.protocol ?? 0) >= SOURCE_PROTOCOL ? { source } : {};
      const writing = status.state === 'ok' ? connection.request({ type: 'write-profiles', profiles, ...stamped }) : undefined;
      void deps.report(status).catch(() => undefined);
      if (!writing) return { error: unwritableError(status) };
      try {
        const reply = expectReply(await writing, 'write-profiles');
        // A protocol-1 host has no `refused`; the ping refuses such hosts, this keeps the type honest.
        return { reply: { ...reply, refused: Array.isArray(reply.refused) ? reply.refused : [] } };
      } catch (error) {
        return { error };
      }
    },
    close() {
      lease?.release();
    },
  };
}
