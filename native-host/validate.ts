// Checks a parsed request against the protocol before anything happens. Each problem names the
// field, so a bug on the extension side is found from the reply alone; values are never echoed,
// since a field may hold a secret.

import { IDP_PATTERN, OUTPUT_FORMATS, PROFILE_MODES, REGION_PATTERN, WRITE_SOURCES, type ProfileMode, type HostRequest, type OutputFormat, type ProfileCredentials, type WriteProfilesRequest, type WriteSource } from './protocol';
import { profileNameProblem } from './profile-name';
import { checkRefresh, checkRefreshResult } from './validate-refresh';
import { isInstant } from './instant';

export type Validated =
  | { readonly ok: true; readonly request: HostRequest }
  | { readonly ok: false; readonly unknownType: boolean; readonly problem: string };

/** More profiles than any account list has; a bound so a request cannot ask for unbounded work. */
export const MAX_PROFILES_PER_REQUEST = 1000;

const ACCESS_KEY_ID = /^(?:ASIA|AKIA)[A-Z0-9]{12,124}$/;
// STS secrets and tokens are base64-like; anything with a line break or space could break the file.
const SECRET = /^[A-Za-z0-9+/=]{16,256}$/;
const TOKEN = /^[A-Za-z0-9+/=_-]{16,8192}$/;
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(problem: string): Validated {
  return { ok: false, unknownType: false, problem };
}

export function validateRequest(value: unknown): Validated {
  if (!isRecord(value)) return invalid('a request must be a JSON object');
  if (value.id !== undefined && (typeof value.id !== 'string' || value.id.length > 64)) {
    return invalid('"id" must be a string of at most 64 characters');
  }
  const id = value.id;
  switch (value.type) {
    case 'ping':
    case 'status':
    case 'prune-expired':
      return onlyFields(value, []) ?? { ok: true, request: { ...(id === undefined ? {} : { id }), type: value.type } };
    case 'write-profiles':
      return onlyFields(value, ['profiles', 'source']) ?? validateWriteProfiles(value, id);
    case 'remove-profiles':
      return onlyFields(value, ['names']) ?? validateRemoveProfiles(value, id);
    case 'set-mode': {
      const refusedField = onlyFields(value, ['name', 'mode']);
      if (refusedField) return refusedField;
      if (typeof value.name !== 'string') return invalid('"name" must be a profile name');
      const problem = profileNameProblem(value.name);
      if (problem) return invalid(`name: ${problem}`);
      if (!PROFILE_MODES.includes(value.mode as ProfileMode)) return invalid(`"mode" must be one of ${PROFILE_MODES.join(', ')}`);
      return { ok: true, request: { ...(id === undefined ? {} : { id }), type: 'set-mode', name: value.name, mode: value.mode as ProfileMode } };
    }
    case 'refresh': {
      const checked = onlyFields(value, ['profiles', 'all', 'waitMs', 'readAt']) ?? checkRefresh(value);
      return checked.ok && 'value' in checked ? { ok: true, request: { ...(id === undefined ? {} : { id }), type: 'refresh', ...checked.value } } : refused(checked);
    }
    case 'refresh-result': {
      const checked = onlyFields(value, ['request', 'results']) ?? checkRefreshResult(value);
      return checked.ok && 'value' in checked ? { ok: true, request: { ...(id === undefined ? {} : { id }), type: 'refresh-result', ...checked.value } } : refused(checked);
    }
    default:
      return {
        ok: false,
        unknownType: true,
        problem: typeof value.type === 'string' ? `unknown request type "${value.type.slice(0, 40)}"` : '"type" must be a string',
      };
  }
}

/** A failed check as the validator's answer (an unknown field, or a protocol-5 field at fault). */
function refused(checked: { readonly ok: boolean; readonly problem?: string }): Validated {
  return invalid(checked.problem ?? 'the request is not valid');
}

/**
 * A request with a field this protocol does not define is refused: a `"dryRun": true` the host
 * ignored would write for real.
 */
function onlyFields(value: Record<string, unknown>, fields: readonly string[]): Validated | undefined {
  const extra = Object.keys(value).find((key) => key !== 'id' && key !== 'type' && !fields.includes(key));
  return extra === undefined ? undefined : invalid(`"${String(value.type)}" takes no field "${extra.slice(0, 40)}"`);
}

function validateRemoveProfiles(value: Record<string, unknown>, id: string | undefined): Validated {
  const { names } = value;
  if (!Array.isArray(names) || names.length === 0 || names.length > MAX_PROFILES_PER_REQUEST) {
    return invalid(`"names" must be an array of 1 to ${MAX_PROFILES_PER_REQUEST} profile names`);
  }
  for (const [index, name] of names.entries()) {
    if (typeof name !== 'string') return invalid(`names[${index}] must be a string`);
    const problem = profileNameProblem(name);
    if (problem) return invalid(`names[${index}]: ${problem}`);
  }
  return { ok: true, request: { ...(id === undefined ? {} : { id }), type: 'remove-profiles', names: names as string[] } };
}

function validateWriteProfiles(value: Record<string, unknown>, id: string | undefined): Validated {
  const { profiles } = value;
  if (!Array.isArray(profiles) || profiles.length === 0 || profiles.length > MAX_PROFILES_PER_REQUEST) {
    return invalid(`"profiles" must be an array of 1 to ${MAX_PROFILES_PER_REQUEST} profiles`);
  }
  const names = new Set<string>();
  const checked: ProfileCredentials[] = [];
  for (const [index, profile] of profiles.entries()) {
    const at = `profiles[${index}]`;
    if (!isRecord(profile)) return invalid(`${at} must be an object`);
    const { name, accessKeyId, secretAccessKey, sessionToken, expiration } = profile;
    if (typeof name !== 'string') return invalid(`${at}.name must be a string`);
    const nameProblem = profileNameProblem(name);
    if (nameProblem) return invalid(`${at}.name: ${nameProblem}`);
    if (names.has(name)) return invalid(`${at}.name repeats the profile name "${name}"`);
    names.add(name);
    if (typeof accessKeyId !== 'string' || !ACCESS_KEY_ID.test(accessKeyId)) {
      return invalid(`${at}.accessKeyId must be an AWS access key id (ASIA... or AKIA...)`);
    }
    if (typeof secretAccessKey !== 'string' || !SECRET.test(secretAccessKey)) {
      return invalid(`${at}.secretAccessKey must be a non-empty base64 secret`);
    }
    if (typeof sessionToken !== 'string' || !TOKEN.test(sessionToken)) {
      return invalid(`${at}.sessionToken must be a non-empty session token`);
    }
    if (typeof expiration !== 'string' || !isInstant(expiration)) {
      return invalid(`${at}.expiration must be an ISO 8601 instant`);
    }
    const { region, output } = profile;
    if (region !== undefined && (typeof region !== 'string' || !REGION_PATTERN.test(region))) {
      return invalid(`${at}.region must be an AWS region such as eu-west-1`);
    }
    if (output !== undefined && !OUTPUT_FORMATS.includes(output as OutputFormat)) {
      return invalid(`${at}.output must be one of ${OUTPUT_FORMATS.join(', ')}`);
    }
    const extra = Object.keys(profile).find(
      (key) => !['name', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration', 'region', 'output'].includes(key),
    );
    if (extra !== undefined) return invalid(`${at} has an unknown field "${extra.slice(0, 40)}"`);
    checked.push({
      name,
      accessKeyId,
      secretAccessKey,
      sessionToken,
      expiration,
      ...(region === undefined ? {} : { region: region }),
      ...(output === undefined ? {} : { output: output as OutputFormat }),
    });
  }
  const source = checkSource(value.source);
  if (typeof source === 'string') return invalid(source);
  return { ok: true, request: { ...(id === undefined ? {} : { id }), type: 'write-profiles', profiles: checked, ...(source ? { source } : {}) } };
}

/** The write's `source` (protocol 6), checked; a string is the problem. */
function checkSource(source: unknown): WriteProfilesRequest['source'] | string {
  if (source === undefined) return undefined;
  if (!isRecord(source)) return '"source" must be an object';
  const extra = Object.keys(source).find((key) => key !== 'idp' && key !== 'how');
  if (extra !== undefined) return `"source" has an unknown field "${extra.slice(0, 40)}"`;
  if (!WRITE_SOURCES.includes(source.how as WriteSource)) return `source.how must be one of ${WRITE_SOURCES.join(', ')}`;
  if (source.idp !== undefined && (typeof source.idp !== 'string' || !IDP_PATTERN.test(source.idp))) return 'source.idp must be 1 to 512 printable ASCII characters';
  return { how: source.how as WriteSource, ...(source.idp === undefined ? {} : { idp: source.idp }) };
}
