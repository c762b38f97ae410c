// Pinging the native host, what its answer (or silence) means for a person, and checking that a
// reply is the success it should be.

import { PROTOCOL_VERSION, type HostReply, type HostReplyBody } from '../../native-host/protocol';
import { LoginError } from '../errors';
import type { HostState, HostStatus } from '../storage/host-status';
import { REINSTALL_HINT } from './host-help';
import type { HostConnection } from './host-port';

/** The oldest host protocol this extension can work with: the one it was built with. */
export const MIN_HOST_PROTOCOL = PROTOCOL_VERSION;

/** The status a ping reply (or the error instead of one) stands for. */
export function statusOfPing(outcome: { reply: HostReply } | { error: unknown }, now: Date): HostStatus {
  const checkedAt = now.toISOString();
  if ('error' in outcome) {
    const error = outcome.error;
    const code = error instanceof LoginError ? error.code : undefined;
    const state: HostState = code === 'host-missing' ? 'missing' : code === 'host-forbidden' ? 'forbidden' : 'failed';
    return { state, message: error instanceof LoginError ? error.message : `The native host did not answer. ${REINSTALL_HINT}`, checkedAt };
  }
  const { reply } = outcome;
  if (!reply.ok || reply.type !== 'ping') {
    return { state: 'failed', message: `The native host answered a ping wrongly. ${REINSTALL_HINT}`, checkedAt };
  }
  if (reply.protocol < MIN_HOST_PROTOCOL) {
    return {
      state: 'too-old',
      version: reply.version,
      protocol: reply.protocol,
      message: `The installed native host (version ${reply.version}) is older than this extension needs. ${REINSTALL_HINT}`,
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

/** The error a login fails with when the host is in `status`; undefined when it can write. */
export function unwritableError(status: HostStatus): LoginError | undefined {
  if (status.state === 'ok') return undefined;
  const code = status.state === 'missing' ? 'host-missing' : status.state === 'forbidden' ? 'host-forbidden' : 'host-failed';
  return new LoginError(code, status.message);
}

/**
 * The success reply of `type`, or the LoginError a person reads: the host's own words on failure,
 * with its error code kept (a refused mode switch is not a failed write).
 */
export function expectReply<T extends HostReplyBody['type']>(reply: HostReply, type: T): Extract<HostReplyBody, { type: T }> {
  if (!reply.ok) throw new LoginError(type === 'write-profiles' ? 'write-failed' : 'host-refused', reply.message, { code: reply.code, error: reply.error });
  if (reply.type !== type) throw new LoginError('host-failed', 'The native host answered a different request.');
  return reply as unknown as Extract<HostReplyBody, { type: T }>;
}
