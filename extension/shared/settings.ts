// The options, in storage.sync so they follow the person to every browser they sign in to. Read
// leniently (a bad field falls back to its default, alone), written strictly (the options page
// saves only what `checkSettings` accepts), and migrated by schema number.

import { OUTPUT_FORMATS, REGION_PATTERN } from '../../native-host/protocol';
import { isProviderArn, isRoleArn, parseRoleArn } from '../saml/role-pairs';
import { MAX_SESSION_DURATION, MIN_SESSION_DURATION } from '../saml/session-duration';
import { DEFAULT_TEMPLATE, templateProblem } from './profile-template';

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

/** AWS's limits on an ExternalId. */
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

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
  /** Roles to assume with SAML roles' credentials, after them, in the same login. */
  readonly chains: readonly ChainedRole[];
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
  samlProviders: [],
  loginUrl: '',
  loginUrls: {},
  chains: [],
};

/** The shape written now. Bumped with a migration whenever a stored field changes meaning. */
export const SETTINGS_SCHEMA = 1;

/**
 * Migrations from each older schema to the next, by the schema they start from. Schema 0 is an
 * object without a `schema` field: nothing was stored that way, so it only gains the number.
 */
const MIGRATIONS: Readonly<Record<number, (stored: Record<string, unknown>) => Record<string, unknown>>> = {
  0: (stored) => ({ ...stored, schema: 1 }),
};

/** storage.sync refuses an item over 8,192 bytes (QUOTA_BYTES_PER_ITEM); kept clear of it. */
export const MAX_SETTINGS_BYTES = 8000;

export type SettingsProblems = Partial<Record<keyof Settings, string>>;

/** Every reason `settings` cannot be saved, by field; empty when it can. */
export function checkSettings(settings: Settings): SettingsProblems {
  const problems: SettingsProblems = {};
  const template = templateProblem(settings.profileTemplate);
  if (template) problems.profileTemplate = template;
  for (const [arn, roleTemplate] of Object.entries(settings.roleTemplates)) {
    if (!isRoleArn(arn)) problems.roleTemplates = `"${arn}" is not a role ARN`;
    else if (templateProblem(roleTemplate)) problems.roleTemplates = `for ${arn}: ${templateProblem(roleTemplate)}`;
    if (problems.roleTemplates) break;
  }
  const badRole = settings.refreshList.find((arn) => !isRoleArn(arn));
  if (badRole !== undefined) problems.refreshList = `"${badRole}" is not a role ARN (arn:aws:iam::123456789012:role/Name)`;
  else if (settings.refresh === 'list' && settings.refreshList.length === 0) problems.refreshList = 'name at least one role to refresh';
  const duration = settings.sessionDuration;
  if (duration !== undefined && (!Number.isInteger(duration) || duration < MIN_SESSION_DURATION || duration > MAX_SESSION_DURATION)) {
    problems.sessionDuration = `a session lasts ${MIN_SESSION_DURATION}–${MAX_SESSION_DURATION} seconds (15 minutes to 12 hours)`;
  }
  if (settings.region !== '' && !REGION_PATTERN.test(settings.region)) problems.region = `"${settings.region}" is not an AWS region name such as eu-west-1`;
  if (settings.output !== '' && !(OUTPUT_FORMATS as readonly string[]).includes(settings.output)) {
    problems.output = `the AWS CLI's output formats are ${OUTPUT_FORMATS.join(', ')}`;
  }
  const badProvider = settings.samlProviders.find((arn) => !isProviderArn(arn));
  if (badProvider !== undefined) problems.samlProviders = `"${badProvider}" is not a SAML provider ARN (arn:aws:iam::123456789012:saml-provider/Name)`;
  if (settings.loginUrl !== '' && !isHttpsUrl(settings.loginUrl)) problems.loginUrl = `"${settings.loginUrl}" is not an https:// address`;
  const badLoginUrl = Object.entries(settings.loginUrls).find(([, url]) => !isHttpsUrl(url));
  if (badLoginUrl) problems.loginUrls = `"${badLoginUrl[1]}" (for ${badLoginUrl[0]}) is not an https:// address`;
  const chains = chainProblem(settings.chains);
  if (chains) problems.chains = chains;
  const bytes = new TextEncoder().encode(JSON.stringify(toStored(settings))).length;
  if (bytes > MAX_SETTINGS_BYTES) {
    problems.roleTemplates ??= `these settings take ${bytes} bytes, more than browser sync keeps (${MAX_SETTINGS_BYTES}); remove some per-role names, listed roles or chained roles`;
  }
  return problems;
}

function chainProblem(chains: readonly ChainedRole[]): string | undefined {
  const targets = new Set<string>();
  for (const chain of chains) {
    const from = parseRoleArn(chain.from);
    const to = parseRoleArn(chain.roleArn);
    if (!from || from.roleArn !== chain.from) return `"${chain.from}" is not a role ARN`;
    if (!to || to.roleArn !== chain.roleArn) return `"${chain.roleArn}" is not a role ARN`;
    if (from.roleArn === to.roleArn) return `${to.roleName} cannot be chained from itself`;
    if (from.partition !== to.partition) return `${to.roleName} is in ${to.partition} and ${from.roleName} in ${from.partition}: a role can only be chained within its partition`;
    if (chain.externalId !== undefined && !EXTERNAL_ID_PATTERN.test(chain.externalId)) {
      return `the external ID for ${to.roleName} must be 2–1224 letters, digits or +=,.@:/-_`;
    }
    // Each chained role is one profile: two chains to it would write the same profile twice.
    if (targets.has(to.roleArn)) return `${to.roleArn} is chained twice; chain each role from one SAML role`;
    targets.add(to.roleArn);
  }
  return undefined;
}

function isChainedRole(value: unknown): value is ChainedRole {
  if (typeof value !== 'object' || value === null) return false;
  const chain = value as Record<string, unknown>;
  return typeof chain.from === 'string' && typeof chain.roleArn === 'string' && (chain.externalId === undefined || typeof chain.externalId === 'string');
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

function toStored(settings: Settings): Record<string, unknown> {
  return { ...settings, schema: SETTINGS_SCHEMA };
}

/**
 * What to store for `next`, given what is stored now: fields a newer stsbridge on another synced
 * machine added are kept, and so is its higher schema number, so it never migrates its own data
 * a second time.
 */
export function storedForm(next: Settings, previous: unknown): Record<string, unknown> {
  const kept = typeof previous === 'object' && previous !== null && !Array.isArray(previous) ? (previous as Record<string, unknown>) : {};
  const stored: Record<string, unknown> = { ...kept, ...toStored(next) };
  if (next.sessionDuration === undefined) delete stored.sessionDuration;
  if (typeof kept.schema === 'number' && kept.schema > SETTINGS_SCHEMA) stored.schema = kept.schema;
  return stored;
}

/** Reads what storage holds: each field that is missing or unusable gets its default, alone. */
export function parseSettings(stored: unknown): Settings {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return DEFAULT_SETTINGS;
  let raw = stored as Record<string, unknown>;
  let schema = typeof raw.schema === 'number' ? raw.schema : 0;
  while (schema < SETTINGS_SCHEMA && MIGRATIONS[schema]) {
    raw = MIGRATIONS[schema]!(raw);
    schema += 1;
  }
  // A newer schema (a newer stsbridge on another synced machine) is read for the fields this
  // version knows; `saveSettings` keeps the rest.
  const pick = <K extends keyof Settings>(key: K, valid: (value: unknown) => boolean): Settings[K] =>
    valid(raw[key]) ? (raw[key] as Settings[K]) : DEFAULT_SETTINGS[key];
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
    samlProviders: pick('samlProviders', isStringArray),
    loginUrl: pick('loginUrl', isString),
    loginUrls: pick('loginUrls', isStringRecord),
    chains: pick('chains', (value) => Array.isArray(value) && value.every(isChainedRole)),
    ...(typeof raw.sessionDuration === 'number' ? { sessionDuration: raw.sessionDuration } : {}),
  };
  // Whatever still fails the strict check falls back field by field, so one bad value (say, a
  // region typed by hand into a synced store) never costs the rest.
  const problems = checkSettings(settings);
  const repaired: Record<string, unknown> = { ...settings };
  for (const key of Object.keys(problems) as (keyof Settings)[]) {
    if (key === 'sessionDuration') delete repaired.sessionDuration;
    else repaired[key] = DEFAULT_SETTINGS[key];
    // A list mode with no usable list would refresh nothing: back to the chosen role.
    if (key === 'refreshList') repaired.refresh = DEFAULT_SETTINGS.refresh;
  }
  return repaired as unknown as Settings;
}
