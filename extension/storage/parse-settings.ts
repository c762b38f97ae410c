// Reading the settings back from storage.sync, whatever wrote them: an older stsbridge (migrated
// by schema number), a newer one on another synced machine (its extra fields are left alone), or
// a hand-edited store (each bad field falls back to its default, alone).

import { templateProblem } from '../assume/profile-template';
import { checkSettings } from './check-settings';
import { isOidcProvider } from './oidc-providers';
import { DEFAULT_SETTINGS, SETTINGS_SCHEMA, type ChainedRole, type CheckedField, type Settings } from './settings';

/**
 * Migrations from each older schema to the next, by the schema they start from. Schema 0 is an
 * object without a `schema` field: nothing was stored that way, so it only gains the number.
 */
const MIGRATIONS: Readonly<Record<number, (stored: Record<string, unknown>) => Record<string, unknown>>> = {
  0: (stored) => ({ ...stored, schema: 1 }),
};

function isChainedRole(value: unknown): value is ChainedRole {
  if (typeof value !== 'object' || value === null) return false;
  const chain = value as Record<string, unknown>;
  return typeof chain.from === 'string' && typeof chain.roleArn === 'string' && (chain.externalId === undefined || typeof chain.externalId === 'string');
}

/**
 * Reads what storage holds: each field that is missing or unusable gets its default, alone.
 * `defaults` are the built-in ones, or an organisation's where its policy sets them (policy.ts).
 */
export function parseSettings(stored: unknown, defaults: Settings = DEFAULT_SETTINGS): Settings {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return defaults;
  let raw = stored as Record<string, unknown>;
  let schema = typeof raw.schema === 'number' ? raw.schema : 0;
  while (schema < SETTINGS_SCHEMA && MIGRATIONS[schema]) {
    raw = MIGRATIONS[schema]!(raw);
    schema += 1;
  }
  // A newer schema (a newer stsbridge on another synced machine) is read for the fields this
  // version knows; `saveSettings` keeps the rest.
  const pick = <K extends keyof Settings>(key: K, valid: (value: unknown) => boolean): Settings[K] =>
    valid(raw[key]) ? (raw[key] as Settings[K]) : defaults[key];
  const isString = (value: unknown) => typeof value === 'string';
  const isBoolean = (value: unknown) => typeof value === 'boolean';
  const isStringArray = (value: unknown) => Array.isArray(value) && value.every(isString);
  const isStringRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isString);
  const settings: Settings = {
    profileTemplate: pick('profileTemplate', (value) => isString(value) && templateProblem(value) === undefined),
    roleTemplates: pick('roleTemplates', isStringRecord),
    refresh: pick('refresh', (value) => value === 'chosen' || value === 'all' || value === 'list'),
    refreshList: pick('refreshList', isStringArray),
    region: pick('region', isString),
    output: pick('output', isString),
    writeDefault: pick('writeDefault', isBoolean),
    notifications: pick('notifications', isBoolean),
    keepHostRunning: pick('keepHostRunning', isBoolean),
    silentSignInSeconds: pick('silentSignInSeconds', (value) => typeof value === 'number'),
    samlProviders: pick('samlProviders', isStringArray),
    loginUrl: pick('loginUrl', isString),
    loginUrls: pick('loginUrls', isStringRecord),
    keepFresh: pick('keepFresh', isStringArray),
    keepFreshMinutes: pick('keepFreshMinutes', (value) => typeof value === 'number'),
    keepFreshHours: pick('keepFreshHours', (value) => typeof value === 'number'),
    chains: pick('chains', (value) => Array.isArray(value) && value.every(isChainedRole)),
    oidcProviders: pick('oidcProviders', (value) => Array.isArray(value) && value.every(isOidcProvider)),
    ...(typeof raw.sessionDuration === 'number' ? { sessionDuration: raw.sessionDuration } : defaults.sessionDuration === undefined ? {} : { sessionDuration: defaults.sessionDuration }),
  };
  // Whatever still fails the strict check falls back field by field, so one bad value (say, a
  // region typed by hand into a synced store) never costs the rest.
  const problems = checkSettings(settings);
  const repaired: Record<string, unknown> = { ...settings };
  for (const key of Object.keys(problems) as CheckedField[]) {
    if (key === 'sessionDuration') delete repaired.sessionDuration;
    else repaired[key] = defaults[key];
    // A list mode with no usable list would refresh nothing: back to the chosen role.
    if (key === 'refreshList') repaired.refresh = DEFAULT_SETTINGS.refresh;
  }
  return repaired as unknown as Settings;
}
