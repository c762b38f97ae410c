// Whether settings can be saved, field by field, with a reason a person can act on. The options
// page saves only what this accepts; parse-settings.ts repairs stored values that fail it.

import { OUTPUT_FORMATS } from '../../native-host/protocol';
import { templateProblem } from '../assume/profile-template';
import { isProviderArn, isRoleArn, parseRoleArn } from '../aws/arns';
import { PARTITIONS } from '../aws/partitions';
import { REGION_PATTERN } from '../aws/regions';

const KNOWN_REGIONS = new Set(Object.values(PARTITIONS).flatMap((partition) => partition.regions));
import { MAX_SESSION_DURATION, MIN_SESSION_DURATION } from '../aws/session-duration';
import { oidcProvidersProblem } from './oidc-providers';
import { MAX_SETTINGS_BYTES, toStored, type ChainedRole, type Settings, type SettingsProblems } from './settings';

/** A silent sign-in waits at least this long (a slow IdP redirects a few times), and at most this. */
const MIN_SILENT_SECONDS = 5;
const MAX_SILENT_SECONDS = 120;

/**
 * Keeping fresh signs in again 1 to 30 minutes before expiry (the shortest session is 15 minutes,
 * and botocore asks again 15 minutes before), for 1 to 72 hours after a person's sign-in.
 */
const KEEP_FRESH_MINUTES = [1, 30] as const;
const KEEP_FRESH_HOURS = [1, 72] as const;

/** AWS's limits on an ExternalId. */
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

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
  // A region this version does not know has no STS endpoint the extension may call.
  else if (settings.region !== '' && !KNOWN_REGIONS.has(settings.region)) problems.region = `"${settings.region}" is not an AWS region stsbridge knows; choose one from the list`;
  if (settings.output !== '' && !(OUTPUT_FORMATS as readonly string[]).includes(settings.output)) {
    problems.output = `the AWS CLI's output formats are ${OUTPUT_FORMATS.join(', ')}`;
  }
  const badProvider = settings.samlProviders.find((arn) => !isProviderArn(arn));
  if (badProvider !== undefined) problems.samlProviders = `"${badProvider}" is not a SAML provider ARN (arn:aws:iam::123456789012:saml-provider/Name)`;
  if (settings.loginUrl !== '' && !isHttpsUrl(settings.loginUrl)) problems.loginUrl = `"${settings.loginUrl}" is not an https:// address`;
  const badLoginUrl = Object.entries(settings.loginUrls).find(([, url]) => !isHttpsUrl(url));
  if (badLoginUrl) problems.loginUrls = `"${badLoginUrl[1]}" (for ${badLoginUrl[0]}) is not an https:// address`;
  const silent = settings.silentSignInSeconds;
  if (!Number.isInteger(silent) || silent < MIN_SILENT_SECONDS || silent > MAX_SILENT_SECONDS) {
    problems.silentSignInSeconds = `wait ${MIN_SILENT_SECONDS} to ${MAX_SILENT_SECONDS} whole seconds for the identity provider`;
  }
  const minutes = settings.keepFreshMinutes;
  if (!Number.isInteger(minutes) || minutes < KEEP_FRESH_MINUTES[0] || minutes > KEEP_FRESH_MINUTES[1]) {
    problems.keepFreshMinutes = `sign in again ${KEEP_FRESH_MINUTES[0]} to ${KEEP_FRESH_MINUTES[1]} whole minutes before expiry`;
  }
  const hours = settings.keepFreshHours;
  if (!Number.isInteger(hours) || hours < KEEP_FRESH_HOURS[0] || hours > KEEP_FRESH_HOURS[1]) {
    problems.keepFreshHours = `keep fresh for ${KEEP_FRESH_HOURS[0]} to ${KEEP_FRESH_HOURS[1]} whole hours after you sign in`;
  }
  const chains = chainProblem(settings.chains);
  if (chains) problems.chains = chains;
  const oidc = oidcProvidersProblem(settings.oidcProviders);
  if (oidc) problems.oidcProviders = oidc;
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

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}
