// Role ARNs seen in assertions, newest first: the options page offers them for the refresh list,
// per-role names and the name preview. Not secret; kept in storage.local across restarts.

import { isRoleArn } from '../aws/arns';

/** Far more than anyone's role list; keeps storage small if an IdP sends thousands. */
export const MAX_KNOWN_ROLES = 1000;

export function parseKnownRoles(stored: unknown): readonly string[] {
  return Array.isArray(stored) ? stored.filter((arn): arn is string => typeof arn === 'string' && isRoleArn(arn)).slice(0, MAX_KNOWN_ROLES) : [];
}

/** `known` with `seen` in front, without repeats; `known` itself when the order does not change. */
export function mergeKnownRoles(known: readonly string[], seen: readonly string[]): readonly string[] {
  const merged = [...new Set([...seen, ...known])].slice(0, MAX_KNOWN_ROLES);
  return merged.length !== known.length || merged.some((arn, index) => arn !== known[index]) ? merged : known;
}
