// The profile each role is written as: its per-role template or the general one, rendered with
// the account's name when AWS's role page has shown it. Pure.

import type { RoleRef, RolePair } from '../aws/arns';
import { LoginError } from '../errors';
import type { Settings } from '../storage/settings';
import { renderProfileName } from './profile-template';

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

/** Whether any template names the account: only then does a login wait for the stored names. */
export function usesAccountName(settings: Pick<Settings, 'profileTemplate' | 'roleTemplates'>): boolean {
  return [settings.profileTemplate, ...Object.values(settings.roleTemplates)].some((template) => template.includes('{account_name}'));
}
