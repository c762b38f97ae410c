// IAM role and SAML provider ARNs: what they look like, and their parts. The assertion's Role
// values, the options' role lists, chained roles and the encrypted-assertion lookup all read ARNs
// through these, so they agree on what a role is.

import { PARTITION_NAMES, type Partition } from './partitions';

/** A role and the SAML provider that may assume it, as a Role attribute value pairs them. */
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

// Longest partition name first, so `aws` never matches the start of `aws-us-gov`.
const PARTITION = `(${[...PARTITION_NAMES].sort((a, b) => b.length - a.length).join('|')})`;
// IAM names: letters, digits and +=,.@_- ; paths: /segments/.
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):role/((?:[\\w+=,.@-]+/)*)([\\w+=,.@-]{1,64})$`);
const PROVIDER_ARN = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):saml-provider/[\\w+=,.@-]{1,128}$`);

export type ArnToken =
  | { readonly kind: 'role'; readonly arn: string; readonly partition: Partition; readonly accountId: string; readonly roleName: string }
  | { readonly kind: 'provider'; readonly arn: string; readonly partition: Partition; readonly accountId: string };

/** What `text`, exactly as it is, names: a role, a SAML provider, or neither (undefined). */
export function classifyArn(text: string): ArnToken | undefined {
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
  return classifyArn(text)?.kind === 'role';
}

/** Whether `text`, exactly as it is, is a SAML provider ARN in a partition stsbridge serves. */
export function isProviderArn(text: string): boolean {
  return classifyArn(text)?.kind === 'provider';
}

/** A role ARN's parts, or undefined when `text` is not a role ARN. */
export function parseRoleArn(text: string): RoleRef | undefined {
  const token = classifyArn(text.trim());
  return token?.kind === 'role'
    ? { roleArn: token.arn, partition: token.partition, accountId: token.accountId, roleName: token.roleName }
    : undefined;
}
