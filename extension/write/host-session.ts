// The host as one login uses it: started once, as early as the login knows it will write (so
// node's start-up hides behind the STS round trip), pinged as it starts, and asked to write once.
// The types carry what used to be comments: write() starts the host if nothing did, and a
// failure comes back as a value, never as an exception the login has to route.

import type { ProfileCredentials, WriteProfilesReply } from '../../native-host/protocol';
import type { HostStatus } from '../storage/host-status';
import { expectReply, pingHost, unwritableError } from './host-check';
import type { HostConnection } from './host-port';

export type WriteOutcome = { readonly reply: WriteProfilesReply } | { readonly error: unknown };

export interface HostSession {
  /** Starts the host now; later calls do nothing. */
  start(): void;
  /** Writes every profile in one request, once the ping said the host can. */
  write(profiles: readonly ProfileCredentials[]): Promise<WriteOutcome>;
  close(): void;
}

export interface HostSessionDeps {
  readonly connect: () => HostConnection;
  /** Keeps what the ping said, for the popup. Not awaited: storage is not on the critical path. */
  readonly report: (status: HostStatus) => Promise<void>;
  readonly now: () => Date;
}

export function hostSession(deps: HostSessionDeps): HostSession {
  let started: { readonly connection: HostConnection; readonly pinged: Promise<HostStatus> } | undefined;
  const start = () => {
    if (!started) {
      const connection = deps.connect();
      // The ping travels while STS answers: whether the host is there, and new enough, is known by
      // the time the credentials are.
      started = { connection, pinged: pingHost(connection, deps.now) };
    }
    return started;
  };
  return {
    start,
    async write(profiles) {
      const { connection, pinged } = start();
      const status = await pinged;
      const writing = status.state === 'ok' ? connection.request({ type: 'write-profiles', profiles }) : undefined;
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
      started?.connection.close();
    },
  };
}
