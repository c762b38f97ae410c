// OpenID Connect providers as the options hold them: an issuer whose ID tokens AWS trusts (an IAM
// OIDC identity provider with this client ID as an audience), and the roles to assume with them.
// Checked here for what AWS would refuse before a sign-in is ever tried; the provider's discovery
// document is checked when it is fetched (capture/oidc/discovery.ts). Pure.

import { parseRoleArn } from '../aws/arns';
import { PARTITIONS } from '../aws/partitions';
import { REGION_PATTERN } from '../aws/regions';

export interface OidcProvider {
  /** The issuer URL, exactly as the provider's tokens carry it in `iss` (and IAM's provider URL). */
  readonly issuer: string;
  /** A public client: it has no secret, and stsbridge never stores one. */
  readonly clientId: string;
  /** Space-separated; always holds `openid`, or there is no ID token. */
  readonly scopes: string;
  /** Extra authorize parameters, such as an `audience` some providers ask for. */
  readonly params: Readonly<Record<string, string>>;
  /** The roles each sign-in assumes, each named by the usual template. */
  readonly roles: readonly string[];
  /** The STS region to call; empty: the role partition's default (us-east-1 for aws). */
  readonly region: string;
}

export const DEFAULT_OIDC_SCOPES = 'openid';

/**
 * Parameters stsbridge sets itself on every authorization request: an extra parameter may not
 * replace them (a `redirect_uri` or `code_challenge_method=plain` from settings would undo PKCE).
 */
export const RESERVED_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'prompt', 'response_mode', 'request', 'request_uri'] as const;

/** IAM's limits: a provider URL and each client ID are at most 255 characters. */
const MAX_IAM_TEXT = 255;
/** More roles than one sign-in should assume; STS is asked for each. */
export const MAX_OIDC_ROLES = 20;
export const MAX_OIDC_PROVIDERS = 10;

/** Why AWS (or the flow) would refuse `provider`, or undefined when it can be used. */
export function oidcProviderProblem(provider: OidcProvider): string | undefined {
  const issuer = issuerProblem(provider.issuer);
  if (issuer) return issuer;
  const name = new URL(provider.issuer).host;
  if (provider.clientId === '' || provider.clientId.length > MAX_IAM_TEXT || /\s/.test(provider.clientId)) {
    return `${name}: the client ID must be 1 to ${MAX_IAM_TEXT} characters without spaces (it is the audience IAM checks)`;
  }
  const scopes = provider.scopes.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) return `${name}: the scopes must include openid, or the provider issues no ID token for AWS`;
  if (scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) return `${name}: a scope holds a character OAuth does not allow`;
  for (const [key, value] of Object.entries(provider.params)) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(key)) return `${name}: "${key}" is not a parameter name`;
    if ((RESERVED_PARAMS as readonly string[]).includes(key)) return `${name}: stsbridge sets ${key} itself; remove it from the extra parameters`;
    if (value.length > 1000) return `${name}: the value of ${key} is over 1000 characters`;
  }
  if (provider.roles.length === 0) return `${name}: name at least one role to assume with its tokens`;
  if (provider.roles.length > MAX_OIDC_ROLES) return `${name}: at most ${MAX_OIDC_ROLES} roles per provider`;
  for (const arn of provider.roles) {
    const role = parseRoleArn(arn);
    if (!role || role.roleArn !== arn) return `${name}: "${arn}" is not a role ARN (arn:aws:iam::123456789012:role/Name)`;
    if (provider.region !== '' && !PARTITIONS[role.partition].regions.includes(provider.region)) {
      return `${name}: ${role.roleName} is in ${role.partition}, which has no STS region ${provider.region}`;
    }
  }
  if (provider.region !== '' && !REGION_PATTERN.test(provider.region)) return `${name}: "${provider.region}" is not an AWS region name`;
  return undefined;
}

/** Why the list cannot be saved: a provider's own problem, or the same issuer twice. */
export function oidcProvidersProblem(providers: readonly OidcProvider[]): string | undefined {
  if (providers.length > MAX_OIDC_PROVIDERS) return `at most ${MAX_OIDC_PROVIDERS} OpenID Connect providers`;
  const seen = new Set<string>();
  for (const provider of providers) {
    const problem = oidcProviderProblem(provider);
    if (problem) return problem;
    if (seen.has(provider.issuer)) return `${provider.issuer} is listed twice; give it all its roles in one entry`;
    seen.add(provider.issuer);
  }
  return undefined;
}

/**
 * An issuer AWS accepts as an IAM OIDC provider URL and the OIDC rules allow: https, no query,
 * fragment or credentials, at most 255 characters.
 */
export function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `"${issuer}" is not an issuer URL (https://login.example.com)`;
  }
  if (url.protocol !== 'https:') return `${issuer}: an issuer must use https, or AWS will not trust it`;
  if (url.search || url.hash || url.username || url.password || issuer.includes('?') || issuer.includes('#')) {
    return `${issuer}: an issuer URL has no query, fragment or user name`;
  }
  if (issuer.length > MAX_IAM_TEXT) return `${issuer.slice(0, 40)}…: an issuer URL is at most ${MAX_IAM_TEXT} characters`;
  return undefined;
}

/** Whether `value` has the stored shape of a provider (its values are checked by oidcProviderProblem). */
export function isOidcProvider(value: unknown): value is OidcProvider {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const params = entry.params;
  return (
    typeof entry.issuer === 'string' &&
    typeof entry.clientId === 'string' &&
    typeof entry.scopes === 'string' &&
    typeof entry.region === 'string' &&
    typeof params === 'object' && params !== null && !Array.isArray(params) && Object.values(params).every((item) => typeof item === 'string') &&
    Array.isArray(entry.roles) && entry.roles.every((role) => typeof role === 'string')
  );
}

/** How the popup and notifications name a provider: its host, and its path when it has one (tenants). */
export function providerLabel(issuer: string): string {
  try {
    const url = new URL(issuer);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
  } catch {
    return issuer;
  }
}
