// A strict stand-in for AWS STS's Query protocol, for AssumeRoleWithSAML. It accepts only a
// well-formed request whose assertion was issued by the stand-in IdP and whose role/provider
// pair that assertion offers, and answers in the real XML shapes (success and ErrorResponse).

import { randomBytes, randomUUID } from 'node:crypto';

export interface IssuedLogin {
  readonly samlResponse: string;
  /** The pairs the assertion offers, as `roleArn,principalArn`. */
  readonly pairs: ReadonlySet<string>;
  readonly roleSessionName: string;
}

export interface StsCall {
  /** performance.now() when the request arrived, before any added latency. */
  readonly receivedAt: number;
  readonly host: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: number;
  readonly errorCode?: string;
  readonly credentials?: IssuedCredentials;
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
  readonly calls: StsCall[];
}

export interface StsReply {
  readonly status: number;
  readonly body: string;
}

const STS_HOST = /^sts\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(\.cn)?$/;
const ARN_ROLE = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]+$/;
const ARN_PROVIDER = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:saml-provider\/[\w+=,.@-]{1,128}$/;
const KNOWN_PARAMS = new Set(['Action', 'Version', 'RoleArn', 'PrincipalArn', 'SAMLAssertion', 'DurationSeconds', 'Policy']);

function partitionOfHost(region: string, china: boolean): string {
  if (china) return 'aws-cn';
  return region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

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

function mint(seconds: number): IssuedCredentials {
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const id = Array.from(randomBytes(16), (byte) => alnum[byte % alnum.length]).join('');
  return {
    accessKeyId: `ASIA${id}`,
    // Real secrets use + and /; keep them in, so quoting bugs show.
    secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(300).toString('base64')}`,
    expiration: new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** Handles one request to an STS host; records it in `state.calls`. */
export function handleSts(
  state: StsState,
  request: { method: string; path: string; host: string; headers: Record<string, string | string[] | undefined>; body: string; receivedAt: number },
): StsReply {
  const params = Object.fromEntries(new URLSearchParams(request.body));
  const reply = check();
  state.calls.push({
    receivedAt: request.receivedAt,
    host: request.host,
    params,
    status: reply.status,
    ...('code' in reply ? { errorCode: reply.code } : {}),
    ...('credentials' in reply ? { credentials: reply.credentials } : {}),
  });
  return reply;

  function check(): StsReply & { code?: string; credentials?: IssuedCredentials } {
    const host = STS_HOST.exec(request.host);
    if (!host) return errorResponse(400, 'Sender', 'InvalidRequest', `Unknown host ${request.host}`);
    if (request.method !== 'POST' || request.path !== '/') {
      return errorResponse(400, 'Sender', 'InvalidAction', 'STS takes Query requests as POST /.');
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return errorResponse(400, 'Sender', 'InvalidParameterValue', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    if (request.headers.authorization || request.headers['x-amz-security-token']) {
      return errorResponse(400, 'Sender', 'InvalidParameterCombination', 'AssumeRoleWithSAML is called without AWS credentials.');
    }
    const unknown = Object.keys(params).find((key) => !KNOWN_PARAMS.has(key));
    if (unknown) return errorResponse(400, 'Sender', 'InvalidParameterValue', `Unknown parameter ${unknown}.`);
    if (params.Action !== 'AssumeRoleWithSAML') {
      return errorResponse(400, 'Sender', 'InvalidAction', `Could not find operation ${params.Action ?? ''} for version ${params.Version ?? ''}`);
    }
    if (params.Version !== '2011-06-15') return errorResponse(400, 'Sender', 'InvalidAction', 'Unsupported Version.');
    const { RoleArn: role, PrincipalArn: principal, SAMLAssertion: assertion } = params;
    if (!role || !ARN_ROLE.test(role)) return errorResponse(400, 'Sender', 'ValidationError', 'RoleArn is not a valid role ARN.');
    if (!principal || !ARN_PROVIDER.test(principal)) {
      return errorResponse(400, 'Sender', 'ValidationError', 'PrincipalArn is not a valid SAML provider ARN.');
    }
    if (!assertion || assertion.length < 4 || assertion.length > 100_000) {
      return errorResponse(400, 'Sender', 'ValidationError', 'SAMLAssertion must be 4 to 100000 characters.');
    }
    const partition = partitionOfHost(host[1]!, host[2] !== undefined);
    if (ARN_ROLE.exec(role)![1] !== partition) {
      return errorResponse(403, 'Sender', 'InvalidClientTokenId', `The role ${role} is not in the ${partition} partition this endpoint serves.`);
    }
    if (state.throttleOnce.delete(role)) return errorResponse(400, 'Sender', 'Throttling', 'Rate exceeded');
    const login = state.logins.get(assertion);
    if (!login) return errorResponse(400, 'Sender', 'InvalidIdentityToken', 'Invalid SAML assertion: it was not issued by a trusted provider.');
    if (!login.pairs.has(`${role},${principal}`)) {
      return errorResponse(403, 'Sender', 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
    }
    let seconds = 3600;
    if (params.DurationSeconds !== undefined) {
      seconds = Number(params.DurationSeconds);
      if (!/^\d+$/.test(params.DurationSeconds) || seconds < 900 || seconds > 43_200) {
        return errorResponse(400, 'Sender', 'ValidationError', `1 validation error detected: Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
      }
      if (seconds > (state.maxSessionDuration.get(role) ?? 43_200)) {
        return errorResponse(400, 'Sender', 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      }
    }
    const credentials = mint(state.lifetimeSeconds ?? seconds);
    const account = role.split(':')[4]!;
    const roleName = role.split('/').at(-1)!;
    return {
      status: 200,
      credentials,
      body: `<AssumeRoleWithSAMLResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithSAMLResult>
    <Audience>https://signin.aws.amazon.com/saml</Audience>
    <AssumedRoleUser>
      <AssumedRoleId>AROA${account}EXAMPLE:${login.roleSessionName}</AssumedRoleId>
      <Arn>arn:${partition}:sts::${account}:assumed-role/${roleName}/${login.roleSessionName}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>
      <SessionToken>${credentials.sessionToken}</SessionToken>
      <Expiration>${credentials.expiration}</Expiration>
    </Credentials>
    <Issuer>https://idp.example.test/saml</Issuer>
    <NameQualifier>SbdGOnUkh1i4+EXAMPLExL/jEvs=</NameQualifier>
    <PackedPolicySize>6</PackedPolicySize>
    <Subject>${login.roleSessionName}</Subject>
    <SubjectType>persistent</SubjectType>
  </AssumeRoleWithSAMLResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithSAMLResponse>
`,
    };
  }
}
