// The identity providers logins came from, in storage.local (see identity-providers.ts).

import { parseIdentityProviders, rememberProvider } from './identity-providers';
import { storageItem } from './storage-item';

export const identityProviders = storageItem('local', 'identityProviders', parseIdentityProviders);

export async function rememberIdentityProvider(issuer: string, startPage: string | undefined, at: string): Promise<void> {
  await identityProviders.update((known) => rememberProvider(known, issuer, startPage, at));
}
