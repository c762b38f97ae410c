// The host's side of protocol 5 (refresh-protocol.ts): a `refresh` asked on the local socket is
// passed to the extension over the native port, unasked, tagged with a request name; the
// extension's `refresh-result` comes back on stdin and settles the wait. No timer runs unless a
// refresh is waiting.
//
// Many callers, one refresh. Terraform's parallel providers, a `make -j` or botocore near expiry
// start many `stsbridge credentials` at once, each asking for the same profile: each profile
// has at most one refresh under way, which every caller asking for it joins, and a caller that
// read its keys before the profile's last refresh finished (`readAt`) is answered from that
// refresh without asking again: the keys it brought are in the file already. Only what is
// neither under way nor newer than the caller's keys goes to the browser.

import type { BrowserRefreshRequest, RefreshResult } from './refresh-protocol';

export interface BrowserLink {
  /**
   * Asks the browser to refresh, and waits up to `waitMs` for its answer. `readAt` (ms): when the
   * caller read the keys it wants replaced; a refresh finished since answers it.
   */
  refresh(selection: { readonly profiles?: readonly string[]; readonly all?: true }, waitMs: number, readAt?: number): Promise<readonly RefreshResult[]>;
  /** The extension's answer to the request named `request`; an unknown or late one is dropped. */
  deliver(request: string, results: readonly RefreshResult[]): void;
}

export class RefreshTimedOut extends Error {
  override readonly name = 'RefreshTimedOut';
}

type Results = Promise<readonly RefreshResult[]>;

export function browserLink(send: (message: BrowserRefreshRequest) => void, now: () => number = Date.now): BrowserLink {
  const waiting = new Map<string, (results: readonly RefreshResult[]) => void>();
  /** For each profile, the browser request under way that will answer it. */
  const underWay = new Map<string, Results>();
  let allUnderWay: Results | undefined;
  /** Each profile's last successful refresh, with when it finished. */
  const refreshed = new Map<string, { readonly result: RefreshResult; readonly at: number }>();
  let next = 0;

  const remember = (results: readonly RefreshResult[]) => {
    const at = now();
    for (const result of results) if (result.state === 'refreshed') refreshed.set(result.profile, { result, at });
    return results;
  };

  const askBrowser = (selection: { readonly profiles?: readonly string[]; readonly all?: true }, waitMs: number): Results => {
    next += 1;
    const request = `refresh-${next}`;
    return new Promise<readonly RefreshResult[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(request);
        reject(new RefreshTimedOut(`The browser did not finish the refresh within ${Math.round(waitMs / 1000)} s.`));
      }, waitMs);
      waiting.set(request, (results) => {
        clearTimeout(timer);
        resolve(results);
      });
      send({ type: 'refresh', request, ...(selection.all ? { all: true } : { profiles: selection.profiles ?? [] }) });
    }).then(remember);
  };

  return {
    async refresh(selection, waitMs, readAt) {
      /** The profile's last refresh, when it finished after the caller read its keys. */
      const lately = (profile: string) => {
        const last = refreshed.get(profile);
        return last && readAt !== undefined && last.at > readAt ? last.result : undefined;
      };
      if (selection.all) {
        // Every profile the browser wrote: which ones only the browser knows, so joined whole.
        allUnderWay ??= askBrowser({ all: true }, waitMs).finally(() => (allUnderWay = undefined));
        return allUnderWay;
      }
      const names = [...new Set(selection.profiles ?? [])];
      const toAsk = names.filter((profile) => !lately(profile) && !underWay.has(profile));
      if (toAsk.length > 0) {
        const asked = askBrowser({ profiles: toAsk }, waitMs);
        for (const profile of toAsk) underWay.set(profile, asked);
        void asked
          .catch(() => undefined)
          .finally(() => {
            for (const profile of toAsk) if (underWay.get(profile) === asked) underWay.delete(profile);
          });
      }
      const answers = new Map<string, RefreshResult>();
      for (const profile of names) {
        const fresh = lately(profile);
        if (fresh && !toAsk.includes(profile)) answers.set(profile, fresh);
      }
      // Every request this caller depends on, each awaited once; a failure (a timeout) is the caller's too.
      const pending = [...new Set(names.filter((profile) => !answers.has(profile)).map((profile) => underWay.get(profile)!))];
      for (const results of await Promise.all(pending)) for (const result of results) if (names.includes(result.profile)) answers.set(result.profile, result);
      return names.map((profile) => answers.get(profile) ?? { profile, state: 'failed', message: 'the browser did not answer for this profile' });
    },
    deliver(request, results) {
      const settle = waiting.get(request);
      waiting.delete(request);
      settle?.(results);
    },
  };
}
