// A refresh the command line asked for: which roles each named profile needs (its origin), one
// silent sign-in per identity provider for all of them, and a result per profile in the order
// asked. A profile this browser never wrote is `unknown`: another browser's stsbridge may know it.

import type { BrowserRefreshRequest, RefreshResult } from '../../native-host/refresh-protocol';
import { ownValue } from '../storage/identity-providers';
import type { ProfileOrigins } from '../storage/profile-origins';
import type { SilentOutcome } from './silent-sign-in';

export interface RefreshDeps {
  origins(): Promise<ProfileOrigins>;
  signIn(issuer: string | undefined, wanted: readonly string[]): Promise<SilentOutcome>;
}

export async function refreshProfiles(request: Pick<BrowserRefreshRequest, 'profiles' | 'all'>, deps: RefreshDeps): Promise<RefreshResult[]> {
  const origins = await deps.origins();
  const names = request.all ? Object.keys(origins) : [...new Set(request.profiles ?? [])];
  const byIssuer = new Map<string, { issuer: string | undefined; wanted: Set<string>; profiles: string[] }>();
  const results = new Map<string, RefreshResult>();
  for (const profile of names) {
    const origin = ownValue(origins, profile);
    if (!origin) {
      results.set(profile, { profile, state: 'unknown', message: `this browser has not written ${profile}` });
      continue;
    }
    const group = byIssuer.get(origin.issuer ?? '') ?? { issuer: origin.issuer, wanted: new Set<string>(), profiles: [] };
    // A chained role comes with the SAML role it is chained from.
    group.wanted.add(origin.via ?? origin.roleArn);
    group.profiles.push(profile);
    byIssuer.set(origin.issuer ?? '', group);
  }
  await Promise.all(
    [...byIssuer.values()].map(async ({ issuer, wanted, profiles }) => {
      const outcome = await deps.signIn(issuer, [...wanted]);
      for (const profile of profiles) results.set(profile, resultFor(profile, outcome));
    }),
  );
  return names.map((profile) => results.get(profile)!);
}

function resultFor(profile: string, outcome: SilentOutcome): RefreshResult {
  if ('problem' in outcome) return { profile, state: 'failed', message: outcome.problem };
  const result = outcome.record.results.find((entry) => entry.profile === profile);
  if (result?.state === 'written') return { profile, state: 'refreshed', ...(result.expiration ? { expiration: result.expiration } : {}) };
  const why = result?.error?.message ?? outcome.record.error?.message ?? 'the sign-in did not write it (is it still named this in the options?)';
  return { profile, state: 'failed', message: why.slice(0, 500) };
}
