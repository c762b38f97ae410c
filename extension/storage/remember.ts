// What logins and AWS's role page teach stsbridge, added to storage.local. Each goes through its
// item's `update`, so two logins finishing together never drop each other's additions.

import type { Partition } from '../aws/partitions';
import { mergeAccountNames } from './account-names';
import { rememberProvider } from './identity-providers';
import { mergeKnownRoles } from './known-roles';
import { providerKey } from './saml-provider-memory';
import { store } from './store';

export async function rememberAccountNames(names: ReadonlyMap<string, string>): Promise<void> {
  if (names.size > 0) await store.accountNames.update((known) => mergeAccountNames(known, names));
}

export async function rememberIdentityProvider(issuer: string, startPage: string | undefined, at: string): Promise<void> {
  await store.identityProviders.update((known) => rememberProvider(known, issuer, startPage, at));
}

export async function rememberRoles(seen: readonly string[]): Promise<void> {
  await store.knownRoles.update((known) => mergeKnownRoles(known, seen));
}

/** Silent sign-ins found this IdP's session ended (`issuer` undefined: an assertion that named none). */
export async function markSessionEnded(issuer: string | undefined, at: string): Promise<void> {
  await store.endedSessions.update((ended) => ({ ...ended, [issuer ?? '']: at }));
}

/**
 * The person signed in through this IdP themselves: silent sign-ins may try it again, and keeping
 * its profiles fresh runs for another span of hours from `at`.
 */
export async function signedIn(issuer: string | undefined, at: string): Promise<void> {
  const key = issuer ?? '';
  await store.signIns.update((known) => ({ [key]: at, ...Object.fromEntries(Object.entries(known).filter(([name]) => name !== key)) }));
  await store.endedSessions.update((ended) => (Object.hasOwn(ended, key) ? Object.fromEntries(Object.entries(ended).filter(([name]) => name !== key)) : ended));
}

/** Where an encrypted assertion's roles find their SAML provider, by account. */
export interface ProviderMemory {
  lookup(partition: Partition, accountId: string): Promise<string | undefined>;
  remember(partition: Partition, accountId: string, principalArn: string): Promise<void>;
}

export const samlProviderMemory: ProviderMemory = {
  async lookup(partition, accountId) {
    return (await store.samlProviders.get())[providerKey(partition, accountId)];
  },
  async remember(partition, accountId, principalArn) {
    const key = providerKey(partition, accountId);
    await store.samlProviders.update((providers) => (providers[key] === principalArn ? providers : { ...providers, [key]: principalArn }));
  },
};
