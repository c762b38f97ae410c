// Which roles one SAML POST refreshes, and the profile each is written as. Pure: the options
// decide, the assertion offers, AWS's role page chooses.

import type { Assertion } from '../saml/decode';
import { parseRoleArn, type RoleRef, type RolePair } from '../saml/role-pairs';
import { LoginError } from '../shared/login-error';
import { renderProfileName } from '../shared/profile-template';
import type { ChainedRole, Settings } from '../shared/settings';

export interface Selection {
  readonly roles: readonly RolePair[];
  /** The role chosen on AWS's page, or the only one: the one `[default]` follows. */
  readonly chosen?: RolePair;
}

/**
 * The roles to assume, or undefined to wait for AWS's role page.
 *
 * With several roles, the identity provider's POST carries no choice and AWS answers with its
 * role page, whose form posts the same assertion again with `roleIndex`. For "all" and "list",
 * the first POST already refreshes everything selected, without waiting; the role page's POST
 * then refreshes the chosen role alone (again, if it was among them: it may be the `[default]`).
 */
export function selectRoles(assertion: Assertion, roleIndex: string | undefined, settings: Pick<Settings, 'refresh' | 'refreshList'>): Selection | undefined {
  const chosen = chosenRole(assertion, roleIndex);
  if (roleIndex !== undefined) return { roles: [chosen!], chosen };
  if (settings.refresh === 'all') return { roles: assertion.roles, ...(chosen ? { chosen } : {}) };
  if (settings.refresh === 'list') {
    const listed = new Set(settings.refreshList);
    const roles = assertion.roles.filter((role) => listed.has(role.roleArn));
    if (chosen && !listed.has(chosen.roleArn)) roles.unshift(chosen);
    if (roles.length > 0) return { roles, ...(chosen ? { chosen } : {}) };
  }
  return chosen ? { roles: [chosen], chosen } : undefined;
}

/** The one chosen on AWS's role page, or the only one. */
function chosenRole(assertion: Assertion, roleIndex: string | undefined): RolePair | undefined {
  if (roleIndex !== undefined) {
    const chosen = assertion.roles.find((role) => role.roleArn === roleIndex);
    if (!chosen) {
      throw new LoginError('role-not-in-assertion', `The role chosen on the AWS page (${roleIndex}) is not one the assertion offers.`);
    }
    return chosen;
  }
  return assertion.roles.length === 1 ? assertion.roles[0] : undefined;
}

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

export type Named<R extends RoleRef = RolePair> = { readonly role: R; readonly name: string } | { readonly role: R; readonly error: LoginError };

/**
 * Each role's profile name from its per-role template or the general one. A name that is
 * invalid, or that an earlier role already took, is an error for that role alone.
 */
export function nameProfiles<R extends RoleRef>(
  roles: readonly R[],
  settings: Pick<Settings, 'profileTemplate' | 'roleTemplates'>,
  accountNames: Readonly<Record<string, string>>,
): Named<R>[] {
  const taken = new Map<string, RoleRef>();
  return roles.map((role) => {
    const template = settings.roleTemplates[role.roleArn] ?? settings.profileTemplate;
    const accountName = accountNames[role.accountId];
    const result = renderProfileName(template, { ...role, ...(accountName ? { accountName } : {}) });
    if ('problem' in result) {
      return { role, error: new LoginError('invalid-profile-name', `The profile-name template "${template}" gives no usable name for ${role.roleName}: ${result.problem}. Change it in stsbridge's options.`) };
    }
    const earlier = taken.get(result.name);
    if (earlier) {
      return {
        role,
        error: new LoginError(
          'profile-name-taken',
          `${role.roleName} in ${role.accountId} would be written as "${result.name}", like ${earlier.roleName} in ${earlier.accountId}; add {account_id} and {role_name} to the template.`,
        ),
      };
    }
    taken.set(result.name, role);
    return { role, name: result.name };
  });
}
