// A strict stand-in for AWS STS's Query protocol, for AssumeRoleWithSAML, AssumeRole and
// AssumeRoleWithWebIdentity. It
// answers only at the STS hostnames AWS publishes (sts-hosts.ts). An unsigned AssumeRoleWithSAML
// gets credentials only with an assertion the stand-in IdP issued (its "signature"), read as STS
// reads it (assertion.ts): a Success status, inside its validity window with AWS's clock skew,
// redeemed within 5 minutes of issue, for this partition's audience and recipient, naming the
// role/provider pair asked for, for no longer than the role's MaxSessionDuration, and never past
// the assertion's SessionNotOnOrAfter. An AssumeRole is answered only when SigV4-signed with
// session credentials it issued (the token sent alongside), from a role the target trusts, for
// at most the chained hour. An AssumeRoleWithWebIdentity is answered only for a token whose
// issuer is a registered OIDC provider, signed (RS256 and the like, never `none`) by a key in that
// provider's JWKS, unexpired, for one of its client IDs, and for a role whose trust policy names
// that provider and audience. Each login also declares the STS host the extension must call: a call
// anywhere else is refused and recorded as misdirected. Replies use the real XML shapes, and
// each refusal STS's own error code and HTTP status.

import { createPublicKey, randomBytes, randomUUID, verify, type JsonWebKey } from 'node:crypto';
import { acceptsAudience, isSigninSamlUrl, STS_HOSTS, type StsHost } from './sts-hosts';
import { readAssertion } from './assertion';
import { verifySigV4 } from './sigv4';

export interface IssuedLogin {
  readonly samlResponse: string;
  /** The STS host this login's calls must go to, e.g. `sts.us-east-1.amazonaws.com`. */
  readonly stsHost: string;
  /** Roles whose trust policy does not name the login's provider (AccessDenied). */
  readonly untrusted?: ReadonlySet<string>;
}

export interface StsCall {
  /** performance.now() when the request arrived, before any added latency. */
  readonly receivedAt: number;
  readonly host: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: number;
  readonly errorCode?: string;
  readonly credentials?: IssuedCredentials;
  /** For a signed call: the issued access key that signed it, and the role that session is. */
  readonly caller?: { readonly accessKeyId: string; readonly roleArn: string };
}

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: string;
}

export interface StsState {
  readonly logins: Map<string, IssuedLogin>;
  /** MaxSessionDuration per role ARN; roles not listed allow 43200 s. */
  readonly maxSessionDuration: Map<string, number>;
  /** Roles whose next call is refused with Throttling, as STS does under its rate limit. */
  readonly throttleOnce: Set<string>;
  /** When set, credentials expire this many seconds from now whatever the duration: a login long ago. */
  lifetimeSeconds?: number;
  /** Session credentials issued, by access key ID, with the role each is a session of and the host that issued it. */
  readonly sessions: Map<string, { readonly credentials: IssuedCredentials; readonly roleArn: string; readonly sessionName: string; readonly stsHost: string }>;
  /** Role trust for AssumeRole: target role ARN → the roles it trusts and the ExternalId it asks for. */
  readonly trust: Map<string, { readonly from: ReadonlySet<string>; readonly externalId?: string }>;
  /** AssumeRoleWithWebIdentity: the account's IAM OIDC providers, and which roles trust them. */
  readonly webIdentity: WebIdentityState;
  readonly calls: StsCall[];
  /** Calls that reached another STS host than their login declared: each fails its test. */
  readonly misdirected: { readonly host: string; readonly expected: string; readonly action: string }[];
}

export interface WebIdentityState {
  /** IAM OIDC identity providers, by issuer URL: their client IDs (audiences) and keys. STS fetches the keys from the JWKS; here they are handed over. */
  readonly providers: Map<string, { readonly clientIds: ReadonlySet<string>; readonly keys: () => readonly (JsonWebKey & { kid?: string })[] }>;
  /** Role ARN → the provider (issuer) and audience its trust policy names. */
  readonly trust: Map<string, { readonly issuer: string; readonly audience: string }>;
}

export function newStsState(): StsState {
  return { logins: new Map(), maxSessionDuration: new Map(), throttleOnce: new Set(), sessions: new Map(), trust: new Map(), webIdentity: { providers: new Map(), trust: new Map() }, calls: [], misdirected: [] };
}

export interface StsReply {
  readonly status: number;
  readonly body: string;
}

const ARN_ROLE = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ARN_PROVIDER = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:saml-provider\/[\w+=,.@-]{1,128}$/;
const PARAMS: Readonly<Record<string, ReadonlySet<string>>> = {
  AssumeRoleWithSAML: new Set(['Action', 'Version', 'RoleArn', 'PrincipalArn', 'SAMLAssertion', 'DurationSeconds', 'Policy']),
  AssumeRole: new Set(['Action', 'Version', 'RoleArn', 'RoleSessionName', 'DurationSeconds', 'ExternalId', 'Policy']),
  AssumeRoleWithWebIdentity: new Set(['Action', 'Version', 'RoleArn', 'RoleSessionName', 'WebIdentityToken', 'ProviderId', 'DurationSeconds', 'Policy']),
};
/** The JWS algorithms AWS accepts for an OIDC provider's ID tokens. */
const WEB_IDENTITY_ALGORITHMS: Readonly<Record<string, { hash: string; dsa?: boolean }>> = {
  RS256: { hash: 'sha256' }, RS384: { hash: 'sha384' }, RS512: { hash: 'sha512' },
  ES256: { hash: 'sha256', dsa: true }, ES384: { hash: 'sha384', dsa: true }, ES512: { hash: 'sha512', dsa: true },
};
/** How far STS lets the provider's clock and its own disagree on `exp` and `iat`. */
export const TOKEN_CLOCK_SKEW_S = 300;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** A session assumed with another role's session credentials lasts at most an hour. */
const CHAINED_MAX_SECONDS = 3600;
/** How far AWS lets the IdP's clock and its own disagree on an assertion's validity window. */
export const ASSERTION_CLOCK_SKEW_MS = 5 * 60_000;
/** STS redeems an assertion only this soon after its IssueInstant. */
export const REDEEM_WITHIN_MS = 5 * 60_000;

function errorResponse(status: number, type: 'Sender' | 'Receiver', code: string, message: string): StsReply & { code: string } {
  return {
    status,
    code,
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>${type}</Type>
    <Code>${code}</Code>
    <Message>${message}</Message>
  </Error>
  <RequestId>${randomUUID()}</RequestId>
</ErrorResponse>
`,
  };
}

/** The ARN STS gives a role session: `arn:aws:sts::123456789012:assumed-role/Name/session`. */
function assumedRoleArn(roleArn: string, sessionName: string): string {
  const [, partition, , , account] = roleArn.split(':');
  return `arn:${partition}:sts::${account}:assumed-role/${roleArn.split('/').at(-1)}/${sessionName}`;
}

function mint(seconds: number, now: Date): IssuedCredentials {
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const id = Array.from(randomBytes(16), (byte) => alnum[byte % alnum.length]).join('');
  return {
    accessKeyId: `ASIA${id}`,
    // Real secrets use + and /; keep them in, so quoting bugs show.
    secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`,
    expiration: new Date(now.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

type Request = { method: string; path: string; url: string; host: string; headers: Record<string, string | string[] | undefined>; body: string; receivedAt: number };
/** A policy document as IAM reads one: JSON with a Version and a Statement. */
function isPolicyDocument(text: string): boolean {
  try {
    const policy = JSON.parse(text) as unknown;
    return typeof policy === 'object' && policy !== null && 'Version' in policy && 'Statement' in policy;
  } catch {
    return false;
  }
}

type Reply = StsReply & { code?: string; credentials?: IssuedCredentials; caller?: StsCall['caller'] };

/** Handles one request to an STS host; records it in `state.calls`. */
export function handleSts(state: StsState, request: Request, now = new Date()): StsReply {
  const params = Object.fromEntries(new URLSearchParams(request.body));
  const reply = check();
  state.calls.push({
    receivedAt: request.receivedAt,
    host: request.host,
    params,
    status: reply.status,
    ...(reply.code === undefined ? {} : { errorCode: reply.code }),
    ...(reply.credentials ? { credentials: reply.credentials } : {}),
    ...(reply.caller ? { caller: reply.caller } : {}),
  });
  return reply;

  function check(): Reply {
    const host = STS_HOSTS.get(request.host);
    // AWS has no such host: the request would never have been answered at all.
    if (!host) return errorResponse(400, 'Sender', 'UnknownEndpoint', `${request.host} is not an STS endpoint.`);
    if (request.method !== 'POST' || request.path !== '/') {
      return errorResponse(400, 'Sender', 'InvalidAction', 'STS takes Query requests as POST /.');
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return errorResponse(400, 'Sender', 'InvalidParameterValue', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const known = PARAMS[params.Action ?? ''];
    if (!known) return errorResponse(400, 'Sender', 'InvalidAction', `Could not find operation ${params.Action ?? ''} for version ${params.Version ?? ''}`);
    const unknown = Object.keys(params).find((key) => !known.has(key));
    if (unknown) return errorResponse(400, 'Sender', 'InvalidParameterValue', `Unknown parameter ${unknown}.`);
    if (params.Version !== '2011-06-15') return errorResponse(400, 'Sender', 'InvalidAction', 'Unsupported Version.');
    const role = params.RoleArn;
    if (!role || !ARN_ROLE.test(role)) return errorResponse(400, 'Sender', 'ValidationError', 'RoleArn is not a valid role ARN.');
    if (ARN_ROLE.exec(role)![1] !== host.partition) {
      return errorResponse(403, 'Sender', 'InvalidClientTokenId', `The role ${role} is not in the ${host.partition} partition this endpoint serves.`);
    }
    let seconds = 3600;
    if (params.DurationSeconds !== undefined) {
      seconds = Number(params.DurationSeconds);
      if (!/^\d+$/.test(params.DurationSeconds) || seconds < 900 || seconds > 43_200) {
        return errorResponse(400, 'Sender', 'ValidationError', `1 validation error detected: Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
      }
    }
    if (params.Policy !== undefined && !isPolicyDocument(params.Policy)) {
      return errorResponse(400, 'Sender', 'MalformedPolicyDocument', 'The policy is not a JSON policy document with a Version and a Statement.');
    }
    if (params.Action === 'AssumeRole') return assumeRole(role, host, seconds);
    if (params.Action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(role, seconds);
    return assumeRoleWithSaml(role, host, seconds);
  }

  /** Records and refuses a call that reached another host than its login declared. */
  function misdirected(expected: string): Reply | undefined {
    if (request.host === expected) return undefined;
    state.misdirected.push({ host: request.host, expected, action: params.Action ?? '' });
    return errorResponse(400, 'Sender', 'MisdirectedRequest', `This login's STS calls belong at ${expected}, not ${request.host} (stand-in check).`);
  }

  function assumeRoleWithSaml(role: string, host: StsHost, seconds: number): Reply {
    if (request.headers.authorization || request.headers['x-amz-security-token']) {
      return errorResponse(400, 'Sender', 'InvalidParameterCombination', 'AssumeRoleWithSAML is called without AWS credentials.');
    }
    const { PrincipalArn: principal, SAMLAssertion: assertion } = params;
    if (!principal || !ARN_PROVIDER.test(principal)) {
      return errorResponse(400, 'Sender', 'ValidationError', 'PrincipalArn is not a valid SAML provider ARN.');
    }
    if (!assertion || assertion.length < 4 || assertion.length > 100_000) {
      return errorResponse(400, 'Sender', 'ValidationError', 'SAMLAssertion must be 4 to 100000 characters.');
    }
    if (state.throttleOnce.delete(role)) return errorResponse(400, 'Sender', 'Throttling', 'Rate exceeded');
    const login = state.logins.get(assertion);
    // Registered by the stand-in IdP is this stand-in's signature check: anything else, or the
    // same assertion with one byte changed, is as if its signature failed.
    if (!login) return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'Response signature invalid');
    const wrongHost = misdirected(login.stsHost);
    if (wrongHost) return wrongHost;
    const claims = readAssertion(assertion);
    if (!claims) return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'Invalid SAML response: not a SAML 2.0 Response with an Assertion.');
    if (!claims.statusSuccess) return errorResponse(403, 'Sender', 'IDPRejectedClaim', 'The identity provider reported that authentication failed.');
    const time = now.getTime();
    const expiry = Math.min(claims.notOnOrAfter ?? Infinity, claims.confirmation?.notOnOrAfter ?? Infinity);
    if (time >= expiry + ASSERTION_CLOCK_SKEW_MS) return errorResponse(400, 'Sender', 'ExpiredTokenException', 'Response has expired');
    if (claims.issueInstant !== undefined && time > claims.issueInstant + REDEEM_WITHIN_MS + ASSERTION_CLOCK_SKEW_MS) {
      return errorResponse(400, 'Sender', 'ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance');
    }
    if (claims.notBefore !== undefined && time < claims.notBefore - ASSERTION_CLOCK_SKEW_MS) {
      return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'Response is not yet valid');
    }
    if (!claims.confirmation?.recipient || !isSigninSamlUrl(host.partition, claims.confirmation.recipient)) {
      return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'The SubjectConfirmation Recipient is not an AWS sign-in endpoint of this partition.');
    }
    if (!claims.audiences.some((audience) => acceptsAudience(host.partition, audience))) {
      return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'The assertion is not addressed to this partition\'s audience.');
    }
    if (!claims.pairs.has(`${role},${principal}`) || login.untrusted?.has(role)) {
      return errorResponse(403, 'Sender', 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
    }
    if (seconds > (state.maxSessionDuration.get(role) ?? 43_200)) {
      return errorResponse(400, 'Sender', 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const sessionName = claims.roleSessionName ?? '';
    if (!SESSION_NAME.test(sessionName)) {
      return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'The RoleSessionName attribute is missing or not a valid session name.');
    }
    const lifetime = Math.min(state.lifetimeSeconds ?? seconds, Math.floor(((claims.sessionNotOnOrAfter ?? Infinity) - time) / 1000));
    return issue('AssumeRoleWithSAML', role, lifetime, sessionName, `
    <Audience>https://signin.aws.amazon.com/saml</Audience>`, `
    <Issuer>https://idp.example.test/saml</Issuer>
    <NameQualifier>SbdGOnUkh1i4+EXAMPLExL/jEvs=</NameQualifier>
    <PackedPolicySize>6</PackedPolicySize>
    <Subject>${sessionName}</Subject>
    <SubjectType>persistent</SubjectType>`);
  }

  function assumeRole(role: string, host: StsHost, seconds: number): Reply {
    const signed = verifySigV4(request, (accessKeyId) => state.sessions.get(accessKeyId)?.credentials.secretAccessKey, now);
    if (!signed.ok) return errorResponse(signed.status, 'Sender', signed.code, signed.message);
    if (signed.service !== 'sts' || signed.region !== host.region) {
      return errorResponse(403, 'Sender', 'SignatureDoesNotMatch', `Credential should be scoped to a valid region and service: sts in ${host.region}, not ${signed.service} in ${signed.region}.`);
    }
    const session = state.sessions.get(signed.accessKeyId)!;
    const wrongHost = misdirected(session.stsHost);
    if (wrongHost) return wrongHost;
    // Session credentials are only good with their own token, sent alongside (and signed).
    if (request.headers['x-amz-security-token'] !== session.credentials.sessionToken) {
      return errorResponse(403, 'Sender', 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    if (Date.parse(session.credentials.expiration) <= now.getTime()) {
      return errorResponse(400, 'Sender', 'ExpiredToken', 'The security token included in the request is expired');
    }
    const caller = { accessKeyId: signed.accessKeyId, roleArn: session.roleArn };
    const { RoleSessionName: sessionName, ExternalId: externalId } = params;
    if (!sessionName || !SESSION_NAME.test(sessionName)) {
      return { ...errorResponse(400, 'Sender', 'ValidationError', "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"), caller };
    }
    if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
      return { ...errorResponse(400, 'Sender', 'ValidationError', "1 validation error detected: Value at 'externalId' failed to satisfy constraint"), caller };
    }
    if (seconds > CHAINED_MAX_SECONDS) {
      return { ...errorResponse(400, 'Sender', 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'), caller };
    }
    const trust = state.trust.get(role);
    if (!trust?.from.has(caller.roleArn) || trust.externalId !== externalId) {
      const user = assumedRoleArn(session.roleArn, session.sessionName);
      return { ...errorResponse(403, 'Sender', 'AccessDenied', `User: ${user} is not authorized to perform: sts:AssumeRole on resource: ${role}`), caller };
    }
    return { ...issue('AssumeRole', role, state.lifetimeSeconds ?? seconds, sessionName, '', `
    <PackedPolicySize>6</PackedPolicySize>`), caller };
  }

  function assumeRoleWithWebIdentity(role: string, seconds: number): Reply {
    if (request.headers.authorization || request.headers['x-amz-security-token']) {
      return errorResponse(400, 'Sender', 'InvalidParameterCombination', 'AssumeRoleWithWebIdentity is called without AWS credentials.');
    }
    const { RoleSessionName: sessionName, WebIdentityToken: token } = params;
    if (!sessionName || !SESSION_NAME.test(sessionName)) {
      return errorResponse(400, 'Sender', 'ValidationError', "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    if (!token || token.length < 4 || token.length > 20_000) {
      return errorResponse(400, 'Sender', 'ValidationError', 'WebIdentityToken must be 4 to 20000 characters.');
    }
    if (params.ProviderId !== undefined) {
      return errorResponse(400, 'Sender', 'InvalidParameterValue', 'ProviderId is for OAuth 2.0 access tokens from Amazon and Facebook, not OpenID Connect ID tokens.');
    }
    const parts = token.split('.');
    const decode = (part: string | undefined): Record<string, unknown> | undefined => {
      try {
        const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    };
    const header = decode(parts[0]);
    const claims = decode(parts[1]);
    if (parts.length !== 3 || !header || !claims) return errorResponse(400, 'Sender', 'InvalidIdentityToken', "Couldn't parse the web identity token: it is not a signed JWT.");
    const algorithm = WEB_IDENTITY_ALGORITHMS[String(header.alg)];
    if (!algorithm) return errorResponse(400, 'Sender', 'InvalidIdentityToken', `The token's signing algorithm ${String(header.alg)} is not supported.`);
    const issuer = typeof claims.iss === 'string' ? claims.iss : '';
    const provider = state.webIdentity.providers.get(issuer);
    if (!provider) return errorResponse(400, 'Sender', 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer}`);
    const jwk = provider.keys().find((key) => header.kid === undefined || key.kid === header.kid);
    let signed: boolean;
    try {
      signed = jwk !== undefined && verify(algorithm.hash, Buffer.from(`${parts[0]}.${parts[1]}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), ...(algorithm.dsa ? { dsaEncoding: 'ieee-p1363' as const } : {}) }, Buffer.from(parts[2]!, 'base64url'));
    } catch {
      signed = false;
    }
    if (!signed) return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'The web identity token signature could not be verified against the provider\'s keys.');
    const nowSeconds = now.getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp + TOKEN_CLOCK_SKEW_S <= nowSeconds) {
      return errorResponse(400, 'Sender', 'ExpiredTokenException', `Token expired: current date/time ${now.toISOString()} must be before the expiration date/time.`);
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const audience = audiences.find((value): value is string => typeof value === 'string' && provider.clientIds.has(value));
    if (!audience) return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'Incorrect token audience');
    // A token without a subject, or issued in the future, is a claim the provider should not make.
    if (typeof claims.sub !== 'string' || claims.sub === '' || (typeof claims.iat === 'number' && claims.iat - TOKEN_CLOCK_SKEW_S > nowSeconds)) {
      return errorResponse(403, 'Sender', 'IDPRejectedClaim', 'The token has no subject, or was issued in the future.');
    }
    const trust = state.webIdentity.trust.get(role);
    if (!trust || trust.issuer !== issuer || trust.audience !== audience) {
      return errorResponse(403, 'Sender', 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }
    if (seconds > (state.maxSessionDuration.get(role) ?? 43_200)) {
      return errorResponse(400, 'Sender', 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    return issue('AssumeRoleWithWebIdentity', role, state.lifetimeSeconds ?? seconds, sessionName, `
    <SubjectFromWebIdentityToken>${claims.sub}</SubjectFromWebIdentityToken>
    <Audience>${audience}</Audience>`, `
    <Provider>${issuer.replace(/^https:\/\//, '')}</Provider>`);
  }

  /** Mints credentials for a session of `role` and answers in `action`'s response shape. */
  function issue(action: string, role: string, seconds: number, sessionName: string, before: string, after: string): Reply {
    const credentials = mint(seconds, now);
    state.sessions.set(credentials.accessKeyId, { credentials, roleArn: role, sessionName, stsHost: request.host });
    const account = role.split(':')[4]!;
    return {
      status: 200,
      credentials,
      body: `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <${action}Result>${before}
    <AssumedRoleUser>
      <AssumedRoleId>AROA${account}EXAMPLE:${sessionName}</AssumedRoleId>
      <Arn>${assumedRoleArn(role, sessionName)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credentials.sessionToken}</SessionToken>
      <Expiration>${credentials.expiration}</Expiration>
    </Credentials>${after}
  </${action}Result>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</${action}Response>
`,
    };
  }
}
