// Role chaining: roles the options say to assume with a SAML role's session credentials, after
// it, in the same login (a cross-account role no identity provider offers, say). Pure.

import { parseRoleArn, type RoleRef, type RolePair } from '../aws/arns';
import type { Assertion } from '../decode/decode-assertion';
import type { ChainedRole } from '../storage/settings';

/** A role to assume with the credentials of a SAML role this login assumes. */
export interface Chain {
  readonly source: RolePair;
  readonly target: RoleRef;
  readonly externalId?: string;
}

/** The chains the options name from the roles selected, in the options' order. */
export function chainsFrom(selected: readonly RolePair[], chains: readonly ChainedRole[]): Chain[] {
  return chains.flatMap((chain) => {
    const source = selected.find((role) => role.roleArn === chain.from);
    const target = parseRoleArn(chain.roleArn);
    if (!source || !target) return [];
    return [{ source, target, ...(chain.externalId === undefined ? {} : { externalId: chain.externalId }) }];
  });
}

/**
 * AssumeRole needs a session name; the assertion's RoleSessionName (the person, usually an email
 * address) keeps CloudTrail showing who it was. One STS would refuse falls back to `stsbridge`.
 */
export function chainSessionName(assertion: Pick<Assertion, 'roleSessionName'>): string {
  const name = assertion.roleSessionName;
  return name !== undefined && /^[\w+=,.@-]{2,64}$/.test(name) ? name : 'stsbridge';
}
