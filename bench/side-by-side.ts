// bench login-to-file-1-role and login-to-file-1-role-peer, side by side: in alternating blocks
// (stsbridge, the peer, stsbridge, ...), each in a browser of its own, so that a machine that
// speeds up or slows down during the run touches both alike. Measured one after the other, the
// ratio moved by a tenth between runs of the same code.

import type { BrowserSession } from '../test/e2e/browser';
import { measureLoginToFile, withStsbridge, type LoginTimings } from './login-to-file';
import { measurePeerLogin } from './peer-login';

export const BLOCKS = 3;

export interface SideBySide {
  readonly ours: LoginTimings;
  /** Undefined when the peer was not measured (absent) or `peerError` says why it stopped. */
  readonly peer?: LoginTimings;
  readonly peerError?: Error;
}

function joined(a: LoginTimings | undefined, b: LoginTimings): LoginTimings {
  if (!a) return b;
  return {
    total: [...a.total, ...b.total],
    toSigninPost: [...a.toSigninPost, ...b.toSigninPost],
    postToSts: [...a.postToSts, ...b.postToSts],
    stsReplyToFile: [...a.stsReplyToFile, ...b.stsReplyToFile],
  };
}

/**
 * `runs` logins of each, in BLOCKS blocks. `afterOurs` runs on the last stsbridge browser once its
 * logins are done (the resident host's cost is read there). A peer that fails stops being
 * measured; stsbridge's figure stands on its own.
 */
export async function measureSideBySide(runs: number, withPeer: boolean, afterOurs: (browser: BrowserSession) => Promise<void>): Promise<SideBySide> {
  const perBlock = Math.ceil(runs / BLOCKS);
  let ours: LoginTimings | undefined;
  let peer: LoginTimings | undefined;
  let peerError: Error | undefined;
  for (let block = 0; block < BLOCKS; block += 1) {
    const last = block === BLOCKS - 1;
    ours = joined(
      ours,
      await withStsbridge(async (fake, browser) => {
        const timings = await measureLoginToFile(browser, fake, perBlock);
        if (last) await afterOurs(browser);
        return timings;
      }),
    );
    if (!withPeer || peerError) continue;
    try {
      peer = joined(peer, await measurePeerLogin(perBlock));
    } catch (error) {
      peerError = error instanceof Error ? error : new Error('the peer extension could not be timed');
      peer = undefined;
    }
  }
  return { ours: ours!, ...(peer ? { peer } : {}), ...(peerError ? { peerError } : {}) };
}
