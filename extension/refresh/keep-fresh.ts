// Which profiles keeping fresh should sign in again for now, and when to look next. Pure: the
// worker wakes on one alarm at `next`, refreshes `due` through silent sign-ins, and asks again.
//
// A profile is kept fresh when its identity provider is ticked in the options. It is due
// `keepFreshMinutes` before it expires, and only while the person's own last sign-in through
// that IdP is less than `keepFreshHours` old: a laptop left on over a weekend does not renew
// credentials for days. An IdP whose session was found ended is left alone until the person signs
// in (no loops); one tried within RETRY_MS is not tried again yet (a failure is no reason to
// hammer the IdP).

import { ownValue } from '../storage/identity-providers';
import type { ProfileOrigins } from '../storage/profile-origins';
import type { Settings } from '../storage/settings';
import type { SignIns } from '../storage/sign-ins';

/** After an attempt through an IdP (failed, or a profile still due), the next one waits this long. */
export const RETRY_MS = 5 * 60_000;

export interface KeepFreshState {
  readonly origins: ProfileOrigins;
  readonly settings: Pick<Settings, 'keepFresh' | 'keepFreshMinutes' | 'keepFreshHours'>;
  readonly signIns: SignIns;
  /** IdPs whose session a silent sign-in found ended, by issuer. */
  readonly ended: Readonly<Record<string, string>>;
  /** When keeping fresh last tried each IdP, by issuer. */
  readonly attempts: Readonly<Record<string, string>>;
}

export interface KeepFreshPlan {
  /** Profiles to refresh now. */
  readonly due: readonly string[];
  /** When the next profile falls due (epoch ms), if any will within the bounds. */
  readonly next?: number;
}

/**
 * Until when keeping fresh runs for `issuer` (epoch ms): undefined when it does not (not ticked,
 * its session found ended, or no sign-in of the person's known).
 */
export function keptFreshUntil(issuer: string, state: Omit<KeepFreshState, 'origins' | 'attempts'>): number | undefined {
  if (!state.settings.keepFresh.includes(issuer) || ownValue(state.ended, issuer) !== undefined) return undefined;
  const signedIn = Date.parse(ownValue(state.signIns, issuer) ?? '');
  return Number.isNaN(signedIn) ? undefined : signedIn + state.settings.keepFreshHours * 3600_000;
}

export function planKeepFresh(state: KeepFreshState, now: number): KeepFreshPlan {
  const lead = state.settings.keepFreshMinutes * 60_000;
  const due: string[] = [];
  let next: number | undefined;
  for (const [profile, origin] of Object.entries(state.origins)) {
    const issuer = origin.issuer ?? '';
    // Past the span after the person's sign-in, nothing more is renewed.
    const stop = keptFreshUntil(issuer, state);
    if (stop === undefined || origin.expiration === undefined) continue;
    const dueAt = Date.parse(origin.expiration) - lead;
    const tried = Date.parse(ownValue(state.attempts, issuer) ?? '');
    const at = Number.isNaN(tried) ? dueAt : Math.max(dueAt, tried + RETRY_MS);
    if (Number.isNaN(dueAt) || now >= stop || at > stop) continue;
    if (at <= now) due.push(profile);
    else next = next === undefined ? at : Math.min(next, at);
  }
  return { due, ...(next === undefined ? {} : { next }) };
}
