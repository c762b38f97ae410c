// Where each written profile comes from: its role, the SAML role it is chained from, and its
// identity provider. A refresh asked from the command line names a profile; this says which role
// to ask the identity provider for again. In storage.local, so it outlives the browser session
// (the popup's list, in storage.session, does not). Not secret: names and ARNs.

import { isRoleArn } from '../aws/arns';
import { LOGIN_SOURCES, type LoginRecord, type LoginSource } from './login-record';

export interface ProfileOrigin {
  readonly roleArn: string;
  /** For a chained role: the SAML role whose credentials assume it, the one to refresh. */
  readonly via?: string;
  /** The identity provider's entity ID, when the assertion named it. */
  readonly issuer?: string;
  /** When a login last wrote it, ISO 8601. */
  readonly at: string;
  /** When its credentials expire, ISO 8601: when keeping it fresh is due. */
  readonly expiration?: string;
  /** How that login came about. */
  readonly how?: LoginSource;
}

export type ProfileOrigins = Readonly<Record<string, ProfileOrigin>>;

/** More profiles than anyone's account list; the oldest go first. */
export const MAX_PROFILE_ORIGINS = 1000;

export function parseProfileOrigins(stored: unknown): ProfileOrigins {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const entries = Object.entries(stored as Record<string, unknown>).flatMap(([profile, value]): [string, ProfileOrigin][] => {
    if (typeof value !== 'object' || value === null) return [];
    const { roleArn, via, issuer, at, expiration, how } = value as Record<string, unknown>;
    if (typeof roleArn !== 'string' || !isRoleArn(roleArn) || typeof at !== 'string') return [];
    if (via !== undefined && (typeof via !== 'string' || !isRoleArn(via))) return [];
    if (issuer !== undefined && (typeof issuer !== 'string' || issuer.length > 512)) return [];
    // Fields a later version added are read when they make sense, and dropped alone otherwise.
    const expires = typeof expiration === 'string' && !Number.isNaN(Date.parse(expiration)) ? { expiration } : {};
    const source = LOGIN_SOURCES.includes(how as LoginSource) ? { how: how as LoginSource } : {};
    return [[profile, { roleArn, at, ...(via ? { via } : {}), ...(issuer ? { issuer } : {}), ...expires, ...source }]];
  });
  return Object.fromEntries(entries.sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_PROFILE_ORIGINS));
}

/** `known` with every profile `record` wrote; `known` itself when it wrote none. */
export function mergeOrigins(known: ProfileOrigins, record: LoginRecord): ProfileOrigins {
  const written = record.results.filter((result) => result.state === 'written');
  if (written.length === 0) return known;
  const fresh = Object.fromEntries(
    written.map((result) => [
      result.profile,
      {
        roleArn: result.roleArn,
        at: record.at,
        ...(result.via ? { via: result.via } : {}),
        ...(record.issuer ? { issuer: record.issuer } : {}),
        ...(result.expiration ? { expiration: result.expiration } : {}),
        ...(record.how ? { how: record.how } : {}),
      },
    ]),
  );
  return parseProfileOrigins({ ...known, ...fresh });
}
