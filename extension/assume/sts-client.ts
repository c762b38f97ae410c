// The STS calls: AssumeRoleWithSAML, unsigned (the assertion is the proof), at the endpoint that
// belongs to the sign-in host and the role's partition; AssumeRoleWithWebIdentity, unsigned too
// (an OpenID Connect ID token is the proof); and AssumeRole for a chained role, signed (SigV4)
// with the session credentials the SAML role just received.

import { AssumeRoleCommand, AssumeRoleWithSAMLCommand, AssumeRoleWithWebIdentityCommand, STSClient, STSServiceException, type Credentials } from '@aws-sdk/client-sts';
import type { RoleRef, RolePair } from '../aws/arns';
import type { StsEndpoint } from '../aws/partitions';
import { LoginError } from '../errors';

export interface AssumeInput {
  readonly role: RolePair;
  readonly samlAssertion: string;
  readonly endpoint: StsEndpoint;
  /** The assertion's SessionDuration, when it gave a usable one. */
  readonly durationSeconds?: number;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
}

export interface AssumeResult {
  readonly credentials: TemporaryCredentials;
  /** Set when STS refused the asked duration and the role was assumed for one hour instead. */
  readonly shortenedFrom?: number;
}

export interface ChainInput {
  readonly role: RoleRef;
  /** The SAML role's session credentials, which sign the call. */
  readonly credentials: TemporaryCredentials;
  readonly endpoint: StsEndpoint;
  /** At most CHAINED_MAX_SECONDS: the login asks for no more, and says so. */
  readonly durationSeconds: number;
  /** Shown in CloudTrail as the session's name: the person's, from the assertion. */
  readonly sessionName: string;
  readonly externalId?: string;
}

export interface WebIdentityInput {
  readonly role: RoleRef;
  /** The provider's ID token, checked (decode/id-token.ts); never stored. */
  readonly token: string;
  readonly sessionName: string;
  readonly endpoint: StsEndpoint;
  readonly durationSeconds?: number;
}

/** STS's own default, and the longest every role accepts. */
export const FALLBACK_DURATION_SECONDS = 3600;

/** AWS caps a session assumed with another role's session credentials at one hour. */
export const CHAINED_MAX_SECONDS = 3600;

function clientConfig(endpoint: StsEndpoint) {
  return {
    region: endpoint.region,
    endpoint: endpoint.url,
    // Each call retries on its own: STS answers a burst (every role of a login at once) with
    // Throttling, which the SDK's standard mode retries with exponential backoff and full
    // jitter (100 ms base). Four attempts ride out a burst well inside an assertion's validity.
    maxAttempts: 4,
    retryMode: 'standard',
  };
}

// Clients keep their connection pool; one per endpoint is reused across logins while the worker
// lives. Losing them when MV3 stops the worker costs one TLS handshake, nothing else.
const clients = new Map<string, STSClient>();

function clientFor(endpoint: StsEndpoint): STSClient {
  let client = clients.get(endpoint.url);
  if (!client) {
    client = new STSClient(clientConfig(endpoint));
    clients.set(endpoint.url, client);
  }
  return client;
}

/**
 * AssumeRole with a SAML role's session credentials. The client is made for this one call: its
 * credentials are that session's and must not outlive it. (Connections are the browser's, so a
 * new client costs no handshake.)
 */
export async function assumeChainedRole(input: ChainInput): Promise<AssumeResult> {
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const client = new STSClient({ ...clientConfig(input.endpoint), credentials: { accessKeyId, secretAccessKey, sessionToken } });
  try {
    const output = await client.send(
      new AssumeRoleCommand({
        RoleArn: input.role.roleArn,
        RoleSessionName: input.sessionName,
        DurationSeconds: input.durationSeconds,
        ...(input.externalId === undefined ? {} : { ExternalId: input.externalId }),
      }),
    );
    return { credentials: complete(output.Credentials) };
  } catch (error) {
    throw describeStsError(error, input.role);
  } finally {
    client.destroy();
  }
}

export function assumeRoleWithSaml(input: AssumeInput): Promise<AssumeResult> {
  return withDurationFallback(input.role, input.durationSeconds, async (durationSeconds) => {
    const output = await clientFor(input.endpoint).send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: input.role.roleArn,
        PrincipalArn: input.role.principalArn,
        SAMLAssertion: input.samlAssertion,
        ...(durationSeconds === undefined ? {} : { DurationSeconds: durationSeconds }),
      }),
    );
    return complete(output.Credentials);
  });
}

export function assumeRoleWithWebIdentity(input: WebIdentityInput): Promise<AssumeResult> {
  return withDurationFallback(input.role, input.durationSeconds, async (durationSeconds) => {
    const output = await clientFor(input.endpoint).send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: input.role.roleArn,
        RoleSessionName: input.sessionName,
        WebIdentityToken: input.token,
        ...(durationSeconds === undefined ? {} : { DurationSeconds: durationSeconds }),
      }),
    );
    return complete(output.Credentials);
  });
}

/**
 * One call for the duration asked. Peers stop when it is refused (samltoawsstskeys #17 and #64,
 * saml2aws #1357): the IdP or the options ask for more than the role allows. One hour is allowed
 * for every role, so the call is retried once with it, and the result says so.
 */
async function withDurationFallback(role: RoleRef, asked: number | undefined, call: (durationSeconds: number | undefined) => Promise<TemporaryCredentials>): Promise<AssumeResult> {
  try {
    return { credentials: await call(asked) };
  } catch (error) {
    if (asked !== undefined && asked > FALLBACK_DURATION_SECONDS && exceedsMaxSession(error)) {
      return {
        credentials: await call(FALLBACK_DURATION_SECONDS).catch((retryError: unknown) => {
          throw describeStsError(retryError, role);
        }),
        shortenedFrom: asked,
      };
    }
    throw describeStsError(error, role);
  }
}

function complete(credentials: Credentials | undefined): TemporaryCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new LoginError('sts-rejected', 'AWS STS answered without complete credentials.');
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: toIsoSeconds(credentials.Expiration),
  };
}

/** STS states expiry in whole seconds (`2030-01-01T01:00:00Z`); the SDK's Date adds `.000`. */
function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function exceedsMaxSession(error: unknown): boolean {
  return error instanceof STSServiceException && error.name === 'ValidationError' && /MaxSessionDuration/i.test(error.message);
}

function describeStsError(error: unknown, role: RoleRef): LoginError {
  if (error instanceof LoginError) return error;
  if (error instanceof STSServiceException) {
    // STS messages name the problem (expired assertion or token, untrusted provider...) and never
    // echo the assertion, the token or a key, so they are safe and useful to show.
    return new LoginError('sts-rejected', `AWS STS refused the role ${role.roleName} in ${role.accountId} (${error.name}): ${error.message}`);
  }
  return new LoginError('sts-unreachable', `AWS STS could not be reached to assume ${role.roleName}: check the network or proxy and log in again.`);
}
