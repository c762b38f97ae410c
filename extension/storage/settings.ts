// The options, in storage.sync so they follow the person to every browser they sign in to. Read
// leniently (a bad field falls back to its default, alone), written strictly (the options page
// saves only what `checkSettings` accepts), and migrated by schema number: the model and its
// stored form here, check-settings.ts and parse-settings.ts beside it.

import { DEFAULT_TEMPLATE } from '../assume/profile-template';
import type { OidcProvider } from './oidc-providers';

/**
 * A role assumed with a SAML role's session credentials (role chaining), e.g. a cross-account
 * role no identity provider offers. AWS caps a chained session at one hour.
 */
export interface ChainedRole {
  /** A role the assertion offers: whenever a login refreshes it, this chain runs too. */
  readonly from: string;
  /** The role to assume; its profile is named like any role (per-role name or the template). */
  readonly roleArn: string;
  /** What the role's trust policy asks for (`sts:ExternalId`), usually for a third party's role. */
  readonly externalId?: string;
}

/** Which roles a login refreshes. */
export type RefreshMode = 'chosen' | 'all' | 'list';

export interface Settings {
  /** Profile-name template; see profile-template.ts. */
  readonly profileTemplate: string;
  /** Per-role templates, by role ARN, used instead of `profileTemplate`. */
  readonly roleTemplates: Readonly<Record<string, string>>;
  readonly refresh: RefreshMode;
  /** Role ARNs refreshed on every login that offers them, when `refresh` is `list`. */
  readonly refreshList: readonly string[];
  /** Seconds to ask STS for; undefined: what the assertion's SessionDuration says. */
  readonly sessionDuration?: number;
  /** Written as the profiles' `region` in the config file; empty: none written. */
  readonly region: string;
  /** Written as the profiles' `output` in the config file; empty: none written. */
  readonly output: string;
  /** Also write the chosen role's credentials as `[default]`. */
  readonly writeDefault: boolean;
  /** A notification when a login has refreshed profiles. */
  readonly notifications: boolean;
  /**
   * Keep the native host running while the browser is open (one port, kept open), so that logins
   * do not wait for it to start; off: it starts for each sign-in and each request.
   */
  readonly keepHostRunning: boolean;
  /**
   * How long a silent sign-in (a refresh from the command line) waits for the identity provider
   * to post an assertion before it takes the session for ended, in seconds.
   */
  readonly silentSignInSeconds: number;
  /**
   * SAML provider ARNs, for encrypted assertions: their roles cannot be read, so the provider
   * that goes with the role chosen on AWS's page is looked up here by account.
   */
  readonly samlProviders: readonly string[];
  /**
   * Where "Sign in again" (in the expiry warning) goes when neither `loginUrls` nor a remembered
   * start page says: the identity provider's AWS app; empty: no button.
   */
  readonly loginUrl: string;
  /** Per identity provider, by its entity ID (the assertion's Issuer): where "Sign in again" goes. */
  readonly loginUrls: Readonly<Record<string, string>>;
  /**
   * Identity providers (by entity ID) whose profiles are kept fresh: signed in again silently
   * `keepFreshMinutes` before they expire, for `keepFreshHours` after the person last signed in.
   */
  readonly keepFresh: readonly string[];
  readonly keepFreshMinutes: number;
  /** Keeping fresh stops this long after the last sign-in a person made (as `aws login`'s 12 hours). */
  readonly keepFreshHours: number;
  /** Roles to assume with SAML roles' credentials, after them, in the same login. */
  readonly chains: readonly ChainedRole[];
  /**
   * OpenID Connect providers: signed in to from the popup, their ID tokens exchanged through
   * AssumeRoleWithWebIdentity. Kept fresh, like a SAML IdP, when their issuer is in `keepFresh`.
   */
  readonly oidcProviders: readonly OidcProvider[];
}

export const DEFAULT_SETTINGS: Settings = {
  profileTemplate: DEFAULT_TEMPLATE,
  roleTemplates: {},
  refresh: 'chosen',
  refreshList: [],
  region: '',
  output: '',
  writeDefault: false,
  notifications: true,
  keepHostRunning: true,
  silentSignInSeconds: 30,
  samlProviders: [],
  loginUrl: '',
  loginUrls: {},
  keepFresh: [],
  keepFreshMinutes: 10,
  keepFreshHours: 12,
  chains: [],
  oidcProviders: [],
};

/** The shape written now. Bumped with a migration whenever a stored field changes meaning. */
export const SETTINGS_SCHEMA = 1;

/** storage.sync refuses an item over 8,192 bytes (QUOTA_BYTES_PER_ITEM); kept clear of it. */
export const MAX_SETTINGS_BYTES = 8000;

/** The fields `checkSettings` can find a problem in: the options page has a place for each. */
export const CHECKED_FIELDS = ['profileTemplate', 'roleTemplates', 'refreshList', 'sessionDuration', 'region', 'output', 'samlProviders', 'loginUrl', 'loginUrls', 'chains', 'silentSignInSeconds', 'keepFreshMinutes', 'keepFreshHours', 'oidcProviders'] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

export type SettingsProblems = Partial<Record<CheckedField, string>>;

/** The stored shape: the fields plus the schema number. */
export function toStored(settings: Settings): Record<string, unknown> {
  return { ...settings, schema: SETTINGS_SCHEMA };
}

/**
 * What to store for `next`, given what is stored now: fields a newer stsbridge on another synced
 * machine added are kept, and so is its higher schema number, so it never migrates its own data
 * a second time. A field the organisation's policy sets (`organisation`, policy.ts) is stored only
 * where the person's value differs from it: left at the organisation's value, it keeps following
 * the organisation when the policy later changes, as an unlocked default should.
 */
export function storedForm(next: Settings, previous: unknown, organisation: Partial<Settings> = {}): Record<string, unknown> {
  const kept = typeof previous === 'object' && previous !== null && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
  const stored: Record<string, unknown> = { ...kept, ...toStored(next) };
  if (next.sessionDuration === undefined) delete stored.sessionDuration;
  for (const [field, value] of Object.entries(organisation)) {
    if (JSON.stringify(value) === JSON.stringify(next[field as keyof Settings])) delete stored[field];
  }
  if (typeof kept.schema === 'number' && kept.schema > SETTINGS_SCHEMA) stored.schema = kept.schema;
  return stored;
}
