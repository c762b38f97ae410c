// `stsbridge refresh`, and the refresh `credentials` asks for: through the browser's helper on its
// local socket, which passes it to the extension (refresh-protocol.ts). Every browser's helper is
// asked in turn until each profile has found the one that knows it.

import type { RefreshResult } from '../refresh-protocol';
import { ask, hostSockets } from './browser-client';
import { localTime } from './profile-credentials';

export interface Where {
  readonly env: NodeJS.ProcessEnv;
  /** The host program's own file: its socket folder is found from it (socket.ts). */
  readonly hostFile: string;
}

export type Refreshed = { readonly results: readonly RefreshResult[] } | { readonly problem: string };

/**
 * Asks every browser's helper in turn. `readAt`: when the caller read the keys it wants replaced
 * (protocol 7), so a refresh another caller brought since is answered without a sign-in.
 */
export async function refreshThroughBrowser(selection: { readonly profiles?: readonly string[]; readonly all?: true }, waitMs: number, where: Where, readAt?: Date): Promise<Refreshed> {
  const door = hostSockets(where.env, where.hostFile);
  if ('problem' in door) return { problem: door.problem };
  const { sockets } = door;
  if (sockets.length === 0) return { problem: "no browser with stsbridge is listening (open the browser; if it is open, turn on “Stay connected to the stsbridge command” in stsbridge's options)" };
  const found = new Map<string, RefreshResult>();
  let problem: string | undefined;
  for (const socket of sockets) {
    try {
      // The helper waits for the browser up to waitMs; a little longer here, for its answer to come.
      const request = { type: 'refresh', ...(selection.all ? { all: true } : { profiles: selection.profiles }), waitMs };
      let reply = await ask(socket, readAt ? { ...request, readAt: readAt.toISOString() } : request, waitMs + 5000);
      // A helper from before protocol 7 (the browser has run since before an update) refuses a
      // field it does not know: asked again without it.
      if (!reply.ok && reply.error === 'invalidRequest' && readAt && reply.message.includes('readAt')) reply = await ask(socket, request, waitMs + 5000);
      if (!reply.ok) {
        problem = reply.message;
        continue;
      }
      if (reply.type !== 'refresh') continue;
      for (const result of reply.results) if (found.get(result.profile)?.state !== 'refreshed' && found.get(result.profile)?.state !== 'failed') found.set(result.profile, result);
    } catch (error) {
      problem = (error as Error).message;
    }
    const settled = [...found.values()].every((result) => result.state !== 'unknown');
    if (settled && (selection.all ? found.size > 0 : found.size === selection.profiles?.length)) break;
  }
  return found.size > 0 ? { results: [...found.values()] } : { problem: problem ?? 'no browser answered' };
}

/** One line per profile, for a person. */
export function describeResult(result: RefreshResult): string {
  if (result.state === 'refreshed') return `${result.profile}: refreshed${result.expiration ? `, valid until ${localTime(Date.parse(result.expiration))}` : ''}`;
  return `${result.profile}: ${result.state === 'unknown' ? 'not known to the browser' : 'not refreshed'}${result.message ? `: ${result.message}` : ''}`;
}
