// The popup's list after the browser restarts: storage.session, where each login's entries live,
// starts empty, while the profiles in the credentials file are still valid. Those, as
// storage.local's profile origins remember them, are listed too. Pure.

import { parseRoleArn } from '../../aws/arns';
import type { ProfileOrigins } from '../../storage/profile-origins';
import type { RecentProfile } from '../../storage/recent-profiles';

/** `recent`, then every remembered profile it lacks whose credentials have not expired, newest first. */
export function withRemembered(recent: readonly RecentProfile[], origins: ProfileOrigins, now: number): RecentProfile[] {
  const listed = new Set(recent.map((profile) => profile.profile));
  const remembered = Object.entries(origins).flatMap(([profile, origin]): RecentProfile[] => {
    const role = parseRoleArn(origin.roleArn);
    const expires = Date.parse(origin.expiration ?? '');
    if (listed.has(profile) || !role || Number.isNaN(expires) || expires <= now) return [];
    return [
      {
        profile,
        roleArn: role.roleArn,
        accountId: role.accountId,
        roleName: role.roleName,
        partition: role.partition,
        ...(origin.via ? { via: origin.via } : {}),
        state: 'written',
        expiration: origin.expiration!,
        notes: [],
        loginId: '',
        at: origin.at,
        ...(origin.issuer ? { issuer: origin.issuer } : {}),
        ...(origin.how ? { how: origin.how } : {}),
      },
    ];
  });
  return [...recent, ...remembered.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))];
}
