// Step 4 of an OpenID Connect sign-in: every role configured for the provider through
// AssumeRoleWithWebIdentity with the one ID token, through the same bounded pool as SAML roles.
// Each role ends as an Outcome of its own: one refused role never costs the others.

import type { RoleRef } from '../aws/arns';
import { resolveStsEndpoint } from '../aws/partitions';
import { shortenedNote, STS_CONCURRENCY, type Outcome } from './assume-roles';
import type { Named } from './name-profiles';
import { limitConcurrency } from './pool';
import type { AssumeResult, WebIdentityInput } from './sts-client';

export interface WebIdentityRequest {
  readonly token: string;
  readonly sessionName: string;
  /** The provider's STS region; empty: each role partition's default. */
  readonly region: string;
  readonly durationSeconds?: number;
}

export async function assumeWebIdentityRoles(
  named: readonly Named<RoleRef>[],
  request: WebIdentityRequest,
  assume: (input: WebIdentityInput) => Promise<AssumeResult>,
): Promise<Outcome[]> {
  const pool = limitConcurrency(STS_CONCURRENCY);
  return Promise.all(
    named.map(async (entry): Promise<Outcome> => {
      const { role } = entry;
      if ('error' in entry) return { role, name: role.roleArn, error: entry.error };
      const { name } = entry;
      // Region checked against the partition when the provider was saved (oidc-providers.ts).
      const endpoint = resolveStsEndpoint({ partition: role.partition, region: request.region }, role.partition);
      try {
        const result = await pool(() => assume({ role, token: request.token, sessionName: request.sessionName, endpoint, ...(request.durationSeconds === undefined ? {} : { durationSeconds: request.durationSeconds }) }));
        return { role, name, result, notes: result.shortenedFrom === undefined ? [] : [shortenedNote(result.shortenedFrom)] };
      } catch (error) {
        return { role, name, error };
      }
    }),
  );
}
