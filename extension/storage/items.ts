// Every value stsbridge keeps in browser storage: its area, its key and how a stored value is
// read back. One list, so what is kept where (and that only storage.session ever holds a secret)
// can be read in one place, and a unit test can hold it to that. Pure: store.ts makes the items.
//
//   sync     follows the person to every browser they sign in to: the options only
//   local    this browser, across restarts: names and ARNs seen, never a secret
//   session  memory, gone when the browser closes: the login's outcome and the credentials

import { parseAccountNames } from './account-names';
import { parseHostStatus } from './host-status';
import { parseIdentityProviders } from './identity-providers';
import { parseKnownRoles } from './known-roles';
import { parseLoginRecord } from './login-record';
import { parseProfileOrigins } from './profile-origins';
import { parseRecentProfiles } from './recent-profiles';
import { parseSamlProviders } from './saml-provider-memory';
import { parseCredentials } from './session-credentials';
import { parseSettings } from './parse-settings';
import { parseEndedSessions } from './ended-sessions';
import { parseShellChoice } from './shell-choice';
import { parseSignIns } from './sign-ins';

export type AreaName = 'session' | 'local' | 'sync';

/** The policy as stored: any JSON object, as the browser gave it (policy.ts checks its fields); else none. */
function parseRawPolicy(stored: unknown): Readonly<Record<string, unknown>> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  try {
    return JSON.parse(JSON.stringify(stored)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export interface ItemSpec<T> {
  readonly area: AreaName;
  readonly key: string;
  /** Turns whatever is stored (from any version, or nothing) into a valid value. */
  readonly parse: (stored: unknown) => T;
  /** Holds keys or tokens: only ever in storage.session. */
  readonly secret?: true;
}

const spec = <T>(area: AreaName, key: string, parse: (stored: unknown) => T, secret?: true): ItemSpec<T> => ({ area, key, parse, ...(secret ? { secret } : {}) });

export const ITEMS = {
  /** The options (settings.ts). Written only through save-settings.ts, which checks them. */
  settings: spec('sync', 'settings', parseSettings),
  /** Account names from AWS's role page, by account ID, for profile names and the popup. */
  accountNames: spec('local', 'accountNames', parseAccountNames),
  /** The identity providers logins came from, and where each sign-in started. */
  identityProviders: spec('local', 'identityProviders', parseIdentityProviders),
  /** Role ARNs assertions offered, for the options page. */
  knownRoles: spec('local', 'knownRoles', parseKnownRoles),
  /** The SAML provider of each account, for encrypted assertions. The key predates the name. */
  samlProviders: spec('local', 'knownProviders', parseSamlProviders),
  /** Each written profile's role and identity provider, for refreshes the command line asks for. */
  profileOrigins: spec('local', 'profileOrigins', parseProfileOrigins),
  /** Identity providers whose session ended during a silent sign-in: none is tried again until the person signs in. */
  endedSessions: spec('local', 'endedSessions', parseEndedSessions),
  /** When the person last signed in through each IdP themselves: keeping fresh stops some hours after. */
  signIns: spec('local', 'signIns', parseSignIns),
  /** When keeping fresh last tried each IdP, so a failure is retried after a pause, not in a loop. */
  keepFreshAttempts: spec('session', 'keepFreshAttempts', parseSignIns),
  /**
   * The organisation's policy as this browser last read it, raw (policy.ts parses it): a login
   * right after the browser starts goes to STS with it rather than wait seconds for the
   * browser's policy service, and is checked against the live policy before it writes (store.ts).
   * It holds no secret: it is what the administrator set for every person.
   */
  policySeen: spec('local', 'policySeen', parseRawPolicy),
  /** The shell the popup formats export lines for: a per-machine choice, so not synced. */
  shellChoice: spec('local', 'shell', parseShellChoice),
  /** The last login, for the popup. */
  lastLogin: spec('session', 'lastLogin', parseLoginRecord),
  /** Every profile recent logins touched, newest first, for the popup's list. */
  recentProfiles: spec('session', 'recentProfiles', parseRecentProfiles),
  /** What the last ping of the native host said. */
  hostStatus: spec('session', 'hostStatus', parseHostStatus),
  /** Credentials by profile, for the popup's export lines. */
  sessionCredentials: spec('session', 'sessionCredentials', parseCredentials, true),
} as const;
