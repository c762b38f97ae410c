// The host's side of protocol 5 (refresh-protocol.ts): a `refresh` asked on the local socket is
// passed to the extension over the native port, unasked, tagged with a request name; the
// extension's `refresh-result` comes back on stdin and settles the wait. No timer runs unless a
// refresh is waiting.

import type { BrowserRefreshRequest, RefreshResult } from './refresh-protocol';

export interface BrowserLink {
  /** Asks the browser to refresh, and waits up to `waitMs` for its answer. */
  refresh(selection: { readonly profiles?: readonly string[]; readonly all?: true }, waitMs: number): Promise<readonly RefreshResult[]>;
  /** The extension's answer to the request named `request`; an unknown or late one is dropped. */
  deliver(request: string, results: readonly RefreshResult[]): void;
}

export class RefreshTimedOut extends Error {
  override readonly name = 'RefreshTimedOut';
}

export function browserLink(send: (message: BrowserRefreshRequest) => void): BrowserLink {
  const waiting = new Map<string, (results: readonly RefreshResult[]) => void>();
  let next = 0;
  return {
    refresh(selection, waitMs) {
      next += 1;
      const request = `refresh-${next}`;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(request);
          reject(new RefreshTimedOut(`The browser did not finish the refresh within ${Math.round(waitMs / 1000)} s.`));
        }, waitMs);
        waiting.set(request, (results) => {
          clearTimeout(timer);
          resolve(results);
        });
        send({ type: 'refresh', request, ...(selection.all ? { all: true } : { profiles: selection.profiles ?? [] }) });
      });
    },
    deliver(request, results) {
      const settle = waiting.get(request);
      waiting.delete(request);
      settle?.(results);
    },
  };
}
