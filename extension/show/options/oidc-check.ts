// Before a new or changed OpenID Connect provider is saved, its discovery document is fetched and
// checked (capture/oidc/discovery.ts): an issuer that names itself otherwise, has no https
// endpoints, or signs tokens only with algorithms AWS refuses is not saved, with the reason.

import { fetchDiscovery } from '../../capture/oidc/discovery';
import type { OidcProvider } from '../../storage/oidc-providers';
import type { Settings } from '../../storage/settings';

/** The first provider's problem, or undefined when every new or changed one checks out. */
export async function checkNewProviders(providers: readonly OidcProvider[], saved: Promise<Settings>, checking: (issuer: string) => void): Promise<string | undefined> {
  const before = await saved.catch(() => undefined);
  const known = new Set((before?.oidcProviders ?? []).map((provider) => provider.issuer));
  for (const provider of providers) {
    if (known.has(provider.issuer)) continue;
    checking(provider.issuer);
    try {
      await fetchDiscovery(provider.issuer, (input, init) => fetch(input, init));
    } catch (error) {
      return error instanceof Error ? error.message.replace(/\.$/, '') : `${provider.issuer} could not be checked`;
    }
  }
  return undefined;
}
