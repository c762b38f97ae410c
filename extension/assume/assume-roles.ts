// Step 4 of a login: every selected role through AssumeRoleWithSAML, and each role chained from
// one through AssumeRole as soon as its credentials are in, all through one bounded pool. Each
// role ends as an Outcome of its own: one refused role never costs the others.

import type { RoleRef, RolePair } from '../aws/arns';
import { resolveStsEndpoint, type SigninEndpoint } from '../aws/partitions';
import { LoginError } from '../errors';
import type { Chain } from './chains';
import type { Named } from './name-profiles';
import { limitConcurrency } from './pool';
import { CHAINED_MAX_SECONDS, FALLBACK_DURATION_SECONDS, type AssumeInput, type AssumeResult, type ChainInput } from './sts-client';

/** STS calls in flight at once for one login. */
export const STS_CONCURRENCY = 8;

export interface Obtained {
  readonly role: RoleRef;
  readonly name: string;
  readonly result: AssumeResult;
  /** For a chained role: the SAML role whose credentials assumed it. */
  readonly via?: RoleRef;
  readonly notes: readonly string[];
}

export interface Failed {
  readonly role: RoleRef;
  readonly name: string;
  readonly error: unknown;
  readonly via?: RoleRef;
}

export type Outcome = Obtained | Failed;

export const isObtained = (outcome: Outcome): outcome is Obtained => 'result' in outcome;

export interface StsCalls {
  assume(input: AssumeInput): Promise<AssumeResult>;
  /** AssumeRole for a chained role, signed with a SAML role's session credentials. */
  assumeChained(input: ChainInput): Promise<AssumeResult>;
}

export interface AssumeRequest {
  readonly samlResponse: string;
  readonly signin: SigninEndpoint;
  /** What the options or the assertion ask for; undefined: STS's default. */
  readonly durationSeconds?: number;
  /** The name chained sessions show in CloudTrail (chains.ts). */
  readonly sessionName: string;
}

/**
 * One Outcome per role: the SAML roles first, each followed by the roles chained from it. `named`
 * holds the SAML roles' names, then the chains', in that order. Never rejects.
 */
export async function assumeRoles(roles: readonly RolePair[], chains: readonly Chain[], named: readonly Named<RoleRef>[], request: AssumeRequest, sts: StsCalls): Promise<Outcome[]> {
  const { samlResponse, signin, durationSeconds, sessionName } = request;
  const pool = limitConcurrency(STS_CONCURRENCY);
  const nameOf = (entry: Named<RoleRef>) => ('name' in entry ? entry.name : entry.role.roleArn);

  const assumeSaml = async (role: RolePair, entry: Named<RoleRef>): Promise<Outcome> => {
    const name = nameOf(entry);
    if ('error' in entry) return { role, name, error: entry.error };
    const endpoint = resolveStsEndpoint(signin, role.partition);
    try {
      const result = await pool(() => sts.assume({ role, samlAssertion: samlResponse, endpoint, ...(durationSeconds === undefined ? {} : { durationSeconds }) }));
      return { role, name, result, notes: result.shortenedFrom === undefined ? [] : [shortenedNote(result.shortenedFrom)] };
    } catch (error) {
      return { role, name, error };
    }
  };

  const assumeChain = async (chain: Chain, entry: Named<RoleRef>, source: Outcome): Promise<Outcome> => {
    const { target: role, source: via } = chain;
    const name = nameOf(entry);
    if ('error' in entry) return { role, name, via, error: entry.error };
    if (!isObtained(source)) {
      const error = new LoginError('chain-source-failed', `Not assumed: it is chained from ${via.roleName} in ${via.accountId}, which failed (see that profile).`);
      return { role, name, via, error };
    }
    // The chain's limit is AWS's; ask for what it allows rather than be refused for more.
    const asked = durationSeconds ?? FALLBACK_DURATION_SECONDS;
    const input: ChainInput = {
      role,
      credentials: source.result.credentials,
      endpoint: resolveStsEndpoint(signin, role.partition),
      durationSeconds: Math.min(asked, CHAINED_MAX_SECONDS),
      sessionName,
      ...(chain.externalId === undefined ? {} : { externalId: chain.externalId }),
    };
    try {
      const result = await pool(() => sts.assumeChained(input));
      return { role, name, via, result, notes: asked > CHAINED_MAX_SECONDS ? [chainedNote(asked, via)] : [] };
    } catch (error) {
      return { role, name, via, error };
    }
  };

  const perRole = roles.map(async (role, index) => {
    const own = await assumeSaml(role, named[index]!);
    const chained = chains.flatMap((chain, offset) => (chain.source === role ? [assumeChain(chain, named[roles.length + offset]!, own)] : []));
    return [own, ...(await Promise.all(chained))];
  });
  return (await Promise.all(perRole)).flat();
}

/** Said of a role assumed for one hour because STS refused the longer session asked for. */
export function shortenedNote(askedSeconds: number): string {
  return `${hours(askedSeconds)} were asked for, more than this role allows; the credentials last 1 hour. Raise the role's maximum session duration in IAM to get longer sessions.`;
}

function chainedNote(askedSeconds: number, via: RoleRef): string {
  return `Chained from ${via.roleName} in ${via.accountId}: AWS limits a chained role's session to 1 hour, so these credentials last 1 hour, not the ${hours(askedSeconds)} asked. Log in again to refresh them.`;
}

function hours(seconds: number): string {
  const value = seconds / 3600;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} hours`;
}
