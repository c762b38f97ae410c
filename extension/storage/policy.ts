// What an organisation sets by enterprise policy (chrome.storage.managed, described to the browser
// by managed-schema.json), and how it combines with a person's own settings. Pure.
//
// - A locked field is the organisation's: its value wins, and the options page shows it read-only.
// - An unlocked field's value is the default: it applies until the person saves their own.
// - A value that fails the same checks as the options page is ignored, alone, and listed with
//   the reason: a broken policy never costs the rest, and never breaks a login.

import { checkSettings } from './check-settings';
import { parseAccountNames } from './account-names';
import { DEFAULT_OIDC_SCOPES, isOidcProvider, oidcProvidersProblem, type OidcProvider } from './oidc-providers';
import { parseSettings } from './parse-settings';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** The settings fields a policy may set by name, each checked as the options page checks it. */
export const POLICY_SETTINGS = ['profileTemplate', 'roleTemplates', 'refresh', 'refreshList', 'sessionDuration', 'region', 'output', 'chains', 'keepFreshMinutes', 'keepFreshHours'] as const;

/**
 * What `locked` may name: a setting above, the identity providers (their addresses and Keep
 * fresh), or the OpenID Connect providers (the list; Keep fresh stays the person's unless the
 * identity providers are locked too).
 */
export const LOCKABLE = [...POLICY_SETTINGS, 'identityProviders', 'oidcProviders'] as const;
export type Lockable = (typeof LOCKABLE)[number];

export interface Policy {
  /** The valid values, as settings (identity providers become `loginUrls` and `keepFresh`). */
  readonly settings: Partial<Settings>;
  /** Account names by ID, over those learned from AWS's role page. */
  readonly accountNames: Readonly<Record<string, string>>;
  readonly locked: readonly Lockable[];
  /** Values ignored, with why, for the options page. */
  readonly ignored: readonly { readonly field: string; readonly reason: string }[];
}

export const NO_POLICY: Policy = { settings: {}, accountNames: {}, locked: [], ignored: [] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The problem the options page would find in `field` set to `value`, or undefined. */
function problemOf(field: keyof Settings, value: unknown): string | undefined {
  if (!sameKind(DEFAULT_SETTINGS[field] ?? 0, value)) return KIND;
  const candidate = { ...DEFAULT_SETTINGS, [field]: value };
  let problem: string | undefined;
  try {
    problem = (checkSettings(candidate) as Partial<Record<keyof Settings, string>>)[field];
  } catch {
    // A value of the wrong type can trip a check that expects the right one.
    return KIND;
  }
  if (problem) return problem;
  // What the checks let through must also be of the right type: parseSettings keeps only that.
  return JSON.stringify(parseSettings({ ...candidate, schema: 1 })[field]) === JSON.stringify(value) ? undefined : KIND;
}

const KIND = 'it is not of the kind this setting takes';

/** A list for a list, a map for a map, a number for a number... (sessionDuration's default is none: a number). */
function sameKind(model: unknown, value: unknown): boolean {
  if (Array.isArray(model)) return Array.isArray(value);
  if (typeof model === 'object' && model !== null) return isRecord(value);
  return typeof value === typeof model;
}

export function parsePolicy(raw: unknown): Policy {
  if (!isRecord(raw) || Object.keys(raw).length === 0) return NO_POLICY;
  const settings: Record<string, unknown> = {};
  const ignored: { field: string; reason: string }[] = [];
  for (const field of POLICY_SETTINGS) {
    if (raw[field] === undefined) continue;
    const problem = problemOf(field, raw[field]);
    if (problem) ignored.push({ field, reason: problem });
    else settings[field] = raw[field];
  }
  if (raw.identityProviders !== undefined) {
    const providers = Array.isArray(raw.identityProviders) ? raw.identityProviders : [];
    if (!Array.isArray(raw.identityProviders)) ignored.push({ field: 'identityProviders', reason: 'it is not a list' });
    const loginUrls: Record<string, string> = {};
    const keepFresh: string[] = [];
    for (const [index, provider] of providers.entries()) {
      const at = `identityProviders[${index}]`;
      if (!isRecord(provider) || typeof provider.issuer !== 'string' || provider.issuer === '' || provider.issuer.length > 512) {
        ignored.push({ field: at, reason: 'it has no issuer (the SAML entity ID)' });
        continue;
      }
      if (provider.startAddress !== undefined) {
        const problem = problemOf('loginUrls', { [provider.issuer]: provider.startAddress });
        if (problem) ignored.push({ field: `${at}.startAddress`, reason: problem });
        else loginUrls[provider.issuer] = provider.startAddress as string;
      }
      if (provider.keepFresh !== undefined && typeof provider.keepFresh !== 'boolean') ignored.push({ field: `${at}.keepFresh`, reason: 'it is not true or false' });
      else if (provider.keepFresh === true) keepFresh.push(provider.issuer);
    }
    settings.loginUrls = loginUrls;
    settings.keepFresh = keepFresh;
  }
  if (raw.oidcProviders !== undefined) {
    const { providers, keepFresh } = policyOidcProviders(raw.oidcProviders, ignored);
    settings.oidcProviders = providers;
    if (keepFresh.length > 0) settings.keepFresh = [...((settings.keepFresh as string[] | undefined) ?? []), ...keepFresh];
  }
  const accountNames = raw.accountNames === undefined ? {} : parseAccountNames(raw.accountNames);
  if (raw.accountNames !== undefined && (!isRecord(raw.accountNames) || Object.keys(accountNames).length !== Object.keys(raw.accountNames).length)) {
    ignored.push({ field: 'accountNames', reason: 'some entries are not a 12-digit account ID with a name of at most 128 characters' });
  }
  const locked = Array.isArray(raw.locked) ? raw.locked.filter((name): name is Lockable => (LOCKABLE as readonly unknown[]).includes(name)) : [];
  if (raw.locked !== undefined && (!Array.isArray(raw.locked) || locked.length !== raw.locked.length)) {
    ignored.push({ field: 'locked', reason: `it may name only ${LOCKABLE.join(', ')}` });
  }
  return { settings: settings, accountNames, locked, ignored };
}

/**
 * The OpenID Connect providers a policy lists, each checked as the options page checks one
 * (oidc-providers.ts) and ignored alone, with the reason. Scopes default to `openid`, extra
 * parameters to none, the region to the partition's default.
 */
function policyOidcProviders(raw: unknown, ignored: { field: string; reason: string }[]): { providers: OidcProvider[]; keepFresh: string[] } {
  if (!Array.isArray(raw)) {
    ignored.push({ field: 'oidcProviders', reason: 'it is not a list' });
    return { providers: [], keepFresh: [] };
  }
  const providers: OidcProvider[] = [];
  const keepFresh: string[] = [];
  for (const [index, entry] of raw.entries()) {
    const at = `oidcProviders[${index}]`;
    const { keepFresh: fresh, ...provider }: Record<string, unknown> = isRecord(entry) ? { scopes: DEFAULT_OIDC_SCOPES, params: {}, region: '', ...entry } : {};
    // Exactly the six fields a provider has: a misspelt one (clientID) is named, not dropped quietly.
    if (!isOidcProvider(provider) || Object.keys(provider).length !== 6) {
      ignored.push({ field: at, reason: 'it needs an issuer, a clientId and a list of roles (and may give scopes, params, region and keepFresh)' });
      continue;
    }
    const problem = oidcProvidersProblem([...providers, provider]);
    if (problem) {
      ignored.push({ field: at, reason: problem });
      continue;
    }
    if (fresh !== undefined && typeof fresh !== 'boolean') ignored.push({ field: `${at}.keepFresh`, reason: 'it is not true or false' });
    else if (fresh === true) keepFresh.push(provider.issuer);
    providers.push(provider);
  }
  return { providers, keepFresh };
}

/** The settings fields a lock covers. */
export function lockedSettings(locked: readonly Lockable[]): (keyof Settings)[] {
  return locked.flatMap((name): (keyof Settings)[] => (name === 'identityProviders' ? ['loginUrls', 'keepFresh'] : [name]));
}

/**
 * The settings in force: the person's stored ones read over the organisation's defaults, then
 * every locked field set to the organisation's value.
 */
export function effectiveSettings(stored: unknown, policy: Policy): Settings {
  const base = parseSettings(stored, { ...DEFAULT_SETTINGS, ...policy.settings });
  const forced = Object.fromEntries(lockedSettings(policy.locked).flatMap((field) => (policy.settings[field] === undefined ? [] : [[field, policy.settings[field]]])));
  return { ...base, ...forced };
}
