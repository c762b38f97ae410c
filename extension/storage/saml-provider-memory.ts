// The SAML provider ARN last seen for each account. An encrypted assertion hides its roles from
// us; AWS's role page still names the role, and this supplies the provider that goes with it.
// Not secret: these are ARNs, kept in storage.local across browser restarts. (Not to be confused
// with identity-providers.ts: those are the IdPs people sign in at, by SAML entity ID.)

import { isProviderArn } from '../aws/arns';
import type { Partition } from '../aws/partitions';

/** Provider ARN by `partition:accountId`. */
export type SamlProviders = Readonly<Record<string, string>>;

export function parseSamlProviders(stored: unknown): SamlProviders {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && isProviderArn(entry[1])),
  );
}

export function providerKey(partition: Partition, accountId: string): string {
  return `${partition}:${accountId}`;
}
