// Which roles one SAML POST refreshes: the options decide, the assertion offers, AWS's role page
// chooses. Pure, but for the provider lookup an encrypted assertion needs.

import { parseRoleArn, type RolePair } from '../aws/arns';
import type { Assertion } from '../decode/decode-assertion';
import { LoginError } from '../errors';
import type { ProviderMemory } from '../storage/remember';
import type { Settings } from '../storage/settings';

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

/**
 * The roles a refresh asked for, as the assertion offers them: the login knows what it wants and
 * does not wait for AWS's role page. A wanted role the assertion no longer offers is refused by
 * name, so that the refresh can say so for its profile.
 */
export function selectWanted(assertion: Assertion, wanted: readonly string[]): Selection {
  const roles = assertion.roles.filter((role) => wanted.includes(role.roleArn));
  if (roles.length === 0) {
    throw new LoginError('role-not-in-assertion', `Your identity provider no longer offers ${wanted.length === 1 ? 'this role' : 'these roles'} (${wanted.join(', ')}).`);
  }
  return { roles, ...(roles.length === 1 ? { chosen: roles[0] } : {}) };
}

/**
 * An encrypted assertion's role is the one chosen on AWS's role page; its provider is the one in
 * the options for that account, or the one remembered from an earlier, readable login to it.
 */
export async function selectEncrypted(roleIndex: string | undefined, settings: Pick<Settings, 'samlProviders'>, providers: Pick<ProviderMemory, 'lookup'>): Promise<Selection> {
  const role = roleIndex === undefined ? undefined : parseRoleArn(roleIndex);
  if (!role) {
    throw new LoginError(
      'encrypted-assertion',
      'This SAML assertion is encrypted (IAM SAML encryption is on), so stsbridge cannot read its roles. If AWS shows its role page, choose a role there and stsbridge will get its credentials.',
    );
  }
  const configured = settings.samlProviders.find((arn) => arn.startsWith(`arn:${role.partition}:iam::${role.accountId}:saml-provider/`));
  const principalArn = configured ?? (await providers.lookup(role.partition, role.accountId));
  if (!principalArn) {
    throw new LoginError(
      'encrypted-assertion',
      `This SAML assertion is encrypted, and stsbridge does not know the SAML provider of account ${role.accountId}. Add its provider ARN in stsbridge's options, or log in once with an unencrypted assertion.`,
    );
  }
  const chosen = { ...role, principalArn };
  return { roles: [chosen], chosen };
}
