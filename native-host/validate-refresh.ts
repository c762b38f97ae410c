// Checks for protocol 5's two requests (refresh-protocol.ts), like validate.ts's for the rest:
// every problem names its field, and no value is echoed.

import { profileNameProblem } from './profile-name';
import { isInstant } from './instant';
import { MAX_REFRESH_WAIT_MS, type RefreshResult, type RefreshState } from './refresh-protocol';

/** Names a refresh may list, as many as a write may carry. */
export const MAX_REFRESH_PROFILES = 1000;
const STATES: readonly RefreshState[] = ['refreshed', 'failed', 'unknown'];
const MAX_MESSAGE = 500;

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const fail = (problem: string) => ({ ok: false, problem }) as const;

function namesProblem(names: unknown, field: string): string | undefined {
  if (!Array.isArray(names) || names.length === 0 || names.length > MAX_REFRESH_PROFILES) return `"${field}" must be an array of 1 to ${MAX_REFRESH_PROFILES} profile names`;
  for (const [index, name] of names.entries()) {
    if (typeof name !== 'string') return `${field}[${index}] must be a string`;
    const problem = profileNameProblem(name);
    if (problem) return `${field}[${index}]: ${problem}`;
  }
  return undefined;
}

/** `refresh`: `profiles` or `all: true` (one of them), and an optional `waitMs` and `readAt`. */
export function checkRefresh(value: Record<string, unknown>): Checked<{ profiles?: string[]; all?: true; waitMs?: number; readAt?: string }> {
  const { profiles, all, waitMs, readAt } = value;
  if (readAt !== undefined && (typeof readAt !== 'string' || !isInstant(readAt))) return fail('"readAt" must be an ISO 8601 time');
  if ((profiles === undefined) === (all === undefined)) return fail('"refresh" takes either "profiles" or "all": true');
  if (all !== undefined && all !== true) return fail('"all" must be true');
  const problem = profiles === undefined ? undefined : namesProblem(profiles, 'profiles');
  if (problem) return fail(problem);
  if (waitMs !== undefined && (!Number.isInteger(waitMs) || (waitMs as number) < 1000 || (waitMs as number) > MAX_REFRESH_WAIT_MS)) {
    return fail(`"waitMs" must be a whole number of milliseconds from 1000 to ${MAX_REFRESH_WAIT_MS}`);
  }
  return {
    ok: true,
    value: {
      ...(profiles === undefined ? { all: true as const } : { profiles: profiles as string[] }),
      ...(waitMs === undefined ? {} : { waitMs: waitMs as number }),
      ...(readAt === undefined ? {} : { readAt }),
    },
  };
}

/** `refresh-result`: the `request` it answers and one result per profile. */
export function checkRefreshResult(value: Record<string, unknown>): Checked<{ request: string; results: RefreshResult[] }> {
  const { request, results } = value;
  if (typeof request !== 'string' || request.length === 0 || request.length > 64) return fail('"request" must be a string of 1 to 64 characters');
  if (!Array.isArray(results) || results.length > MAX_REFRESH_PROFILES) return fail(`"results" must be an array of at most ${MAX_REFRESH_PROFILES}`);
  const checked: RefreshResult[] = [];
  for (const [index, result] of results.entries()) {
    const at = `results[${index}]`;
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return fail(`${at} must be an object`);
    const { profile, state, expiration, message, ...rest } = result as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return fail(`${at} takes no field "${Object.keys(rest)[0]!.slice(0, 40)}"`);
    if (typeof profile !== 'string' || profileNameProblem(profile)) return fail(`${at}.profile must be a profile name`);
    if (!STATES.includes(state as RefreshState)) return fail(`${at}.state must be one of ${STATES.join(', ')}`);
    if (expiration !== undefined && (typeof expiration !== 'string' || !isInstant(expiration))) return fail(`${at}.expiration must be an ISO 8601 time`);
    if (message !== undefined && (typeof message !== 'string' || message.length > MAX_MESSAGE)) return fail(`${at}.message must be text of at most ${MAX_MESSAGE} characters`);
    checked.push({ profile, state: state as RefreshState, ...(expiration === undefined ? {} : { expiration: expiration }), ...(message === undefined ? {} : { message: message }) });
  }
  return { ok: true, value: { request, results: checked } };
}
