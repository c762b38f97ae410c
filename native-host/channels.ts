// Which requests each way in serves. The native port is the extension's: it writes, removes and
// answers refreshes. The local socket is the command line's: it pings, lists and asks for a
// refresh. A known request on the wrong one is refused by name (error 11), not as unknown.

import { errorReply } from './handle';
import { NATIVE_REQUEST_TYPES, SOCKET_REQUEST_TYPES, type HostReply } from './protocol';

const KNOWN: ReadonlySet<string> = new Set([...NATIVE_REQUEST_TYPES, ...SOCKET_REQUEST_TYPES]);

/** The refusal for a request this channel does not serve; undefined when it does (or the type is unknown). */
export function offChannel(message: unknown, served: readonly string[], channel: string): HostReply | undefined {
  const { type, id } = (typeof message === 'object' && message !== null ? message : {}) as { type?: unknown; id?: unknown };
  if (typeof type !== 'string' || !KNOWN.has(type) || served.includes(type)) return undefined;
  return errorReply('wrongChannel', `"${type}" is not served ${channel}; it serves ${served.join(', ')}.`, typeof id === 'string' ? id.slice(0, 64) : undefined);
}
