// When `stsbridge credentials` asks the browser for new keys rather than hand out the ones it
// has. Pure: the keys' times in, a yes or no out.
//
// Near expiry, botocore runs credential_process on every AWS call (it refreshes when less than 15
// minutes are left, and must at 10), and Terraform's providers start together: without these
// rules, sessions shorter than the window (15 minutes is an option the extension offers) would
// mean a sign-in per AWS call.

import { FRESH_FOR_MS } from '../refresh-protocol';

export interface KeyTimes {
  readonly expiresAt: number;
  /** When the sign-in that brought them was, when the file says (protocol 6's stamp). */
  readonly refreshedAt?: number;
}

/** Keys are refreshed in their last third at the earliest: a 15-minute session, 5 minutes before it ends. */
const SHARE_OF_LIFE = 1 / 3;

export function refreshDue({ expiresAt, refreshedAt }: KeyTimes, now: number, withinMs: number): boolean {
  if (expiresAt <= now) return true;
  if (refreshedAt === undefined) return expiresAt - now <= withinMs;
  // Just refreshed (by another caller, a moment ago): these are the newest keys there are.
  if (now - refreshedAt < FRESH_FOR_MS) return false;
  const window = Math.min(withinMs, (expiresAt - refreshedAt) * SHARE_OF_LIFE);
  return expiresAt - now <= window;
}
