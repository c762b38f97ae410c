// The values of the `https://aws.amazon.com/SAML/Attributes/Role` attribute. Identity providers
// disagree on their shape: role or provider first (saml2aws #6, aws-google-auth #163), padding and
// newlines (saml2aws PR #287), a trailing comma (aws-google-auth's `too-many-commas`), several
// pairs in one value (Okta's array-attribute flag). All of them mean the same pairs.

import { classifyArn, type ArnToken, type RolePair } from '../aws/arns';

export interface RolePairsResult {
  readonly roles: RolePair[];
  /** Values that held no valid pair, as they were sent (trimmed), to be reported by name. */
  readonly invalidValues: string[];
}

/** Pairs in one attribute value, or undefined when the value is not made only of valid pairs. */
function pairsInValue(value: string): RolePair[] | undefined {
  const tokens = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (tokens.length === 0 || tokens.length % 2 !== 0) return undefined;
  const pairs: RolePair[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const a = classifyArn(tokens[i]!);
    const b = classifyArn(tokens[i + 1]!);
    if (!a || !b || a.kind === b.kind) return undefined;
    const role = a.kind === 'role' ? a : (b as Extract<ArnToken, { kind: 'role' }>);
    const provider = a.kind === 'provider' ? a : b;
    // AWS only accepts a role with a provider of the same account and partition.
    if (role.partition !== provider.partition || role.accountId !== provider.accountId) return undefined;
    pairs.push({
      roleArn: role.arn,
      principalArn: provider.arn,
      partition: role.partition,
      accountId: role.accountId,
      roleName: role.roleName,
    });
  }
  return pairs;
}

/** Reads every role pair from the Role attribute's values: duplicates removed, order kept. */
export function readRolePairs(values: readonly string[]): RolePairsResult {
  const roles: RolePair[] = [];
  const seen = new Set<string>();
  const invalidValues: string[] = [];
  for (const value of values) {
    const pairs = pairsInValue(value);
    if (!pairs) {
      invalidValues.push(value.trim());
      continue;
    }
    for (const pair of pairs) {
      const key = `${pair.roleArn}\n${pair.principalArn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      roles.push(pair);
    }
  }
  return { roles, invalidValues };
}
