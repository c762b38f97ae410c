// Pinging the native host, what its answer (or silence) means for a person, and checking that a
// reply is the success it should be.

import { PROTOCOL_VERSION, type HostReply, type HostReplyBody } from '../../native-host/protocol';
import { LoginError } from '../shared/login-error';
import type { HostState, HostStatus } from '../shared/host-status';
import type { HostConnection } from './host-port';

/** The oldest host protocol this extension can work with: the one it was built with. */
export const MIN_HOST_PROTOCOL = PROTOCOL_VERSION;

const REINSTALL = 'In the stsbridge folder, run ./install-host.sh (add --check to see what is wrong).';

/** The status a ping reply (or the error instead of one) stands for. */
export function statusOfPing(outcome: { reply: HostReply } | { error: unknown }, now: Date): HostStatus {
  const checkedAt = now.toISOString();
  if ('error' in outcome) {
    const error = outcome.error;
    const code = error instanceof LoginError ? error.code : undefined;
    const state: HostState = code === 'host-missing' ? 'missing' : code === 'host-forbidden' ? 'forbidden' : 'failed';
    return { state, message: error instanceof LoginError ? error.message : `The native host did not answer. ${REINSTALL}`, checkedAt };
  }
  const { reply } = outcome;
  if (!reply.ok || reply.type !== 'ping') {
    return { state: 'failed', message: `The native host answered a ping wrongly. ${REINSTALL}`, checkedAt };
  }
  if (reply.protocol < MIN_HOST_PROTOCOL) {
    return {
      state: 'too-old',
      version: reply.version,
      protocol: reply.protocol,
      message: `The installed native host (version ${reply.version}) is older than this extension needs. ${REINSTALL}`,
      checkedAt,
    };
  }
  return { state: 'ok', version: reply.version, protocol: reply.protocol, message: '', checkedAt };
}

/** Pings over `host`; never rejects. */
export async function pingHost(host: HostConnection, now: () => Date): Promise<HostStatus> {
  try {
    return statusOfPing({ reply: await host.request({ type: 'ping' }) }, now());
  } catch (error) {
    return statusOfPing({ error }, now());
  }
}

/** Turns a status that forbids writing into the error the login fails with. */
export function assertWritable(status: HostStatus): void {
  if (status.state === 'ok') return;
  const code = status.state === 'missing' ? 'host-missing' : status.state === 'forbidden' ? 'host-forbidden' : 'host-failed';
  throw new LoginError(code, status.message);
}

/** The success reply of `type`, or the LoginError a person reads: the host's own words on failure. */
export function expectReply<T extends HostReplyBody['type']>(reply: HostReply, type: T): Extract<HostReplyBody, { type: T }> {
  if (!reply.ok) throw new LoginError('write-failed', reply.message);
  if (reply.type !== type) throw new LoginError('host-failed', 'The native host answered a different request.');
  return reply as unknown as Extract<HostReplyBody, { type: T }>;
}
