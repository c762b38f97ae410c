// The SAML provider ARN last seen for each account. An encrypted assertion hides its roles from
// us; AWS's role page still names the role, and this supplies the provider that goes with it.
// Not secret: these are ARNs, kept in storage.local across browser restarts.

import type { Partition } from '../saml/endpoints';
import { isProviderArn } from '../saml/role-pairs';
import { storageItem } from './storage-item';

export interface ProviderMemory {
  lookup(partition: Partition, accountId: string): Promise<string | undefined>;
  remember(partition: Partition, accountId: string, principalArn: string): Promise<void>;
}

type Providers = Readonly<Record<string, string>>;


function parseProviders(stored: unknown): Providers {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(
    Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && isProviderArn(entry[1])),
  );
}

const item = storageItem('local', 'knownProviders', parseProviders);
const keyOf = (partition: Partition, accountId: string) => `${partition}:${accountId}`;

export const knownProviders: ProviderMemory = {
  async lookup(partition, accountId) {
    return (await item.get())[keyOf(partition, accountId)];
  },
  async remember(partition, accountId, principalArn) {
    const key = keyOf(partition, accountId);
    await item.update((providers) => (providers[key] === principalArn ? providers : { ...providers, [key]: principalArn }));
  },
};
