// The values of the `https://aws.amazon.com/SAML/Attributes/Role` attribute. Identity providers
// disagree on their shape: role or provider first (saml2aws #6, aws-google-auth #163), padding and
// newlines (saml2aws PR #287), a trailing comma (aws-google-auth's `too-many-commas`), several
// pairs in one value (Okta's array-attribute flag). All of them mean the same pairs.

import type { Partition } from './endpoints';

export interface RolePair {
  readonly roleArn: string;
  readonly principalArn: string;
  readonly partition: Partition;
  readonly accountId: string;
  /** The role's name: the last segment of its path. */
  readonly roleName: string;
}

/** A role by its ARN's parts: what a chained role is, having no SAML provider. */
export type RoleRef = Pick<RolePair, 'roleArn' | 'partition' | 'accountId' | 'roleName'>;

export interface RolePairsResult {
  readonly roles: RolePair[];
  /** Values that held no valid pair, as they were sent (trimmed), to be reported by name. */
  readonly invalidValues: string[];
}

const PARTITION = '(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b)';
// IAM names: letters, digits and +=,.@_- ; paths: /segments/.
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})$`);
const PROVIDER_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):saml-provider/[\\w+=,.@-]{1,128}$`);

type Token =
  | { kind: 'role'; arn: string; partition: Partition; accountId: string; roleName: string }
  | { kind: 'provider'; arn: string; partition: Partition; accountId: string };

function classify(text: string): Token | undefined {
  const role = ROLE_ARN.exec(text);
  if (role) {
    return { kind: 'role', arn: text, partition: role[1] as Partition, accountId: role[2]!, roleName: role[4]! };
  }
  const provider = PROVIDER_ARN.exec(text);
  if (provider) {
    return { kind: 'provider', arn: text, partition: provider[1] as Partition, accountId: provider[2]! };
  }
  return undefined;
}

/** Whether `text`, exactly as it is, is a role ARN in a partition stsbridge serves. */
export function isRoleArn(text: string): boolean {
  return classify(text)?.kind === 'role';
}

/** Whether `text`, exactly as it is, is a SAML provider ARN in a partition stsbridge serves. */
export function isProviderArn(text: string): boolean {
  return classify(text)?.kind === 'provider';
}

/** A role ARN's parts, or undefined when `text` is not a role ARN. */
export function parseRoleArn(text: string): RoleRef | undefined {
  const token = classify(text.trim());
  return token?.kind === 'role'
    ? { roleArn: token.arn, partition: token.partition, accountId: token.accountId, roleName: token.roleName }
    : undefined;
}

/** Pairs in one attribute value, or undefined when the value is not made only of valid pairs. */
function pairsInValue(value: string): RolePair[] | undefined {
  const tokens = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (tokens.length === 0 || tokens.length % 2 !== 0) return undefined;
  const pairs: RolePair[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const a = classify(tokens[i]!);
    const b = classify(tokens[i + 1]!);
    if (!a || !b || a.kind === b.kind) return undefined;
    const role = a.kind === 'role' ? a : (b as Extract<Token, { kind: 'role' }>);
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
