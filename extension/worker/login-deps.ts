// The login's dependencies as the worker has them: storage items, the STS client, the native
// port, the clock. run-login.ts takes them as an argument, so its tests pass their own.

import { assumeChainedRole, assumeRoleWithSaml } from '../assume/sts-client';
import { cachedRead } from '../storage/cached-read';
import { mergeOrigins } from '../storage/profile-origins';
import { mergeRecent } from '../storage/recent-profiles';
import { rememberRoles, samlProviderMemory } from '../storage/remember';
import { mergeCredentials } from '../storage/session-credentials';
import { accountNamesSoon, settingsSoon, store } from '../storage/store';
import { hostLease } from './host-access';
import type { LoginDeps } from './run-login';

// Read on every login, changed rarely: kept in memory, refreshed by storage.onChanged.
const settings = cachedRead(store.settings);
const accountNames = cachedRead(store.accountNames);

export const loginDeps: LoginDeps = {
  store: {
    settings,
    accountNames,
    // Once the policy is known, what is kept; until then, without waiting for it (store.ts).
    settingsSoon: () => (settings.known() ? settings() : settingsSoon()),
    accountNamesSoon: () => (accountNames.known() ? accountNames() : accountNamesSoon()),
    rememberRoles,
    providers: samlProviderMemory,
    async keepCredentials(profiles) {
      await store.sessionCredentials.update((kept) => mergeCredentials(kept, profiles, Date.now()));
    },
    async record(record) {
      // Three items, written at once: a refresh's answer to the command line waits for them.
      await Promise.all([
        store.lastLogin.set(record),
        ...(record.results.length === 0
          ? []
          : [store.recentProfiles.update((recent) => mergeRecent(recent, record)), store.profileOrigins.update((known) => mergeOrigins(known, record))]),
      ]);
    },
    reportHost: (status) => store.hostStatus.set(status),
  },
  sts: { assume: assumeRoleWithSaml, assumeChained: assumeChainedRole },
  host: hostLease,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};
