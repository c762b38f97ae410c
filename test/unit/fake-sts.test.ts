// The STS stand-in is only worth trusting if it is as strict as STS. These drive it with the real
// SDK (its serializer, SigV4 signer and parser; only the network is replaced by a direct call)
// and with AWS's published SigV4 test vector. Every refusal the e2e tier relies on is here, once
// as the one thing wrong with an otherwise good request: if a check broke and let everything
// through, its row fails.

import { AssumeRoleCommand, AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../e2e/fake-aws/sigv4';
import { newStsState, type StsState } from '../e2e/fake-aws/sts';
import { directClient, refusal, type ClientOptions } from './sts-direct';
import { samlResponse, type ResponseOptions, type TestRole, roleValue } from '../fixtures/saml';

const REGION = 'eu-west-1';
const HOST = `sts.${REGION}.amazonaws.com`;
const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';
const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/Okta';
const adminRole: TestRole = { accountId: '111122223333', roleName: 'Admin', providerName: 'Okta' };
const REGIONAL_SIGNIN = `https://${REGION}.signin.aws.amazon.com/saml`;
const ASSERTION = samlResponse({ roleValues: [roleValue(adminRole)], destination: REGIONAL_SIGNIN });

/** A state whose IdP issued `assertion`, to be redeemed at `stsHost`. */
function freshState(assertion = ASSERTION, stsHost = HOST): StsState {
  const state = newStsState();
  state.logins.set(assertion, { samlResponse: assertion, stsHost });
  return state;
}

async function samlSession(state: StsState) {
  const output = await directClient(state).send(new AssumeRoleWithSAMLCommand({ RoleArn: ADMIN, PrincipalArn: PROVIDER, SAMLAssertion: ASSERTION }));
  const { AccessKeyId, SecretAccessKey, SessionToken } = output.Credentials!;
  return { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! };
}

const minutes = (count: number) => new Date(Date.now() + count * 60_000);

interface SamlCase {
  /** The assertion's options; the role is Admin, at the eu-west-1 sign-in, unless changed. */
  readonly assertion?: Partial<ResponseOptions>;
  readonly input?: Partial<{ RoleArn: string; PrincipalArn: string; DurationSeconds: number; Policy: string }>;
  readonly client?: Omit<ClientOptions, 'credentials'>;
  /** Changes to the state after the assertion is registered. */
  readonly setup?: (state: StsState, assertion: string) => void;
}

/** Sends AssumeRoleWithSAML for one case through the real SDK. */
function redeem(testCase: SamlCase) {
  const assertion = samlResponse({ roleValues: [roleValue(adminRole)], destination: REGIONAL_SIGNIN, ...testCase.assertion });
  const state = freshState(assertion, testCase.client?.endpoint ? new URL(testCase.client.endpoint).hostname : `sts.${testCase.client?.region ?? REGION}.amazonaws.com${testCase.client?.region?.startsWith('cn-') ? '.cn' : ''}`);
  testCase.setup?.(state, assertion);
  const command = new AssumeRoleWithSAMLCommand({ RoleArn: ADMIN, PrincipalArn: PROVIDER, SAMLAssertion: assertion, ...testCase.input });
  return { state, send: () => directClient(state, undefined, testCase.client ?? {}).send(command) };
}

describe('STS stand-in: AssumeRoleWithSAML', () => {
  it('issues credentials for a good assertion, with the session name it carries', async () => {
    const { state, send } = redeem({ assertion: { roleSessionName: 'jane.doe@example.com' }, input: { DurationSeconds: 7200 } });
    const output = await send();
    expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(output.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/Admin/jane.doe@example.com');
    const expires = output.Credentials!.Expiration!.getTime();
    expect(Math.abs(expires - (Date.now() + 7200_000))).toBeLessThan(5_000);
    expect(state.calls).toEqual([expect.objectContaining({ host: HOST, status: 200 })]);
  });

  it('issues no credentials that outlive the assertion\'s SessionNotOnOrAfter', async () => {
    const limit = minutes(30);
    const output = await redeem({ assertion: { sessionNotOnOrAfter: limit }, input: { DurationSeconds: 7200 } }).send();
    expect(Math.abs(output.Credentials!.Expiration!.getTime() - limit.getTime())).toBeLessThan(2_000);
  });

  it.each<[string, SamlCase, string, number, string]>([
    ['an assertion its IdP never issued (a changed byte)', { setup: (state, assertion) => state.logins.delete(assertion) }, 'InvalidIdentityTokenException', 400, 'Response signature invalid'],
    ['an expired assertion (NotOnOrAfter past, beyond the skew)', { assertion: { issueInstant: minutes(-4), notOnOrAfter: minutes(-6) } }, 'ExpiredTokenException', 400, 'Response has expired'],
    ['an assertion issued over 5 minutes ago (plus skew)', { assertion: { issueInstant: minutes(-11), notOnOrAfter: minutes(30) } }, 'ExpiredTokenException', 400, 'redeemed within 5 minutes'],
    ['an assertion not yet valid (NotBefore ahead, beyond the skew)', { assertion: { notBefore: minutes(6), notOnOrAfter: minutes(20) } }, 'InvalidIdentityTokenException', 400, 'not yet valid'],
    ['another audience', { assertion: { audience: 'https://example.com/sp' } }, 'InvalidIdentityTokenException', 400, 'audience'],
    ["GovCloud's audience at a commercial STS", { assertion: { audience: 'urn:amazon:webservices:govcloud' } }, 'InvalidIdentityTokenException', 400, 'audience'],
    ['a recipient that is not AWS sign-in', { assertion: { recipient: 'https://idp.example.test/acs' } }, 'InvalidIdentityTokenException', 400, 'Recipient'],
    ["China's recipient at a commercial STS", { assertion: { recipient: 'https://signin.amazonaws.cn/saml' } }, 'InvalidIdentityTokenException', 400, 'Recipient'],
    ['a role the assertion does not offer', { input: { RoleArn: 'arn:aws:iam::111122223333:role/Other' } }, 'AccessDenied', 403, 'sts:AssumeRoleWithSAML'],
    ['a provider the assertion does not pair with the role', { input: { PrincipalArn: 'arn:aws:iam::111122223333:saml-provider/Other' } }, 'AccessDenied', 403, 'sts:AssumeRoleWithSAML'],
    ["a role whose trust policy does not name the provider", { setup: (state, assertion) => state.logins.set(assertion, { ...state.logins.get(assertion)!, untrusted: new Set([ADMIN]) }) }, 'AccessDenied', 403, 'sts:AssumeRoleWithSAML'],
    ['more than the role\'s MaxSessionDuration', { input: { DurationSeconds: 7200 }, setup: (state) => state.maxSessionDuration.set(ADMIN, 3600) }, 'ValidationError', 400, 'MaxSessionDuration'],
    ['a duration under 15 minutes', { input: { DurationSeconds: 899 } }, 'ValidationError', 400, 'between 900 and 43200'],
    ['an IdP status other than Success', { assertion: { status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' } }, 'IDPRejectedClaimException', 403, 'authentication failed'],
    ['a session policy that is not a policy document', { input: { Policy: '{"Statement": ' } }, 'MalformedPolicyDocumentException', 400, 'policy document'],
    ['a call to another STS host than the login declared', { setup: (state, assertion) => state.logins.set(assertion, { samlResponse: assertion, stsHost: 'sts.us-east-1.amazonaws.com' }) }, 'MisdirectedRequest', 400, 'belong at sts.us-east-1.amazonaws.com'],
    ['a made-up region', { client: { region: 'xx-fake-9' } }, 'UnknownEndpoint', 400, 'sts.xx-fake-9.amazonaws.com is not an STS endpoint'],
    ['China on the commercial domain', { client: { region: 'cn-north-1', endpoint: 'https://sts.cn-north-1.amazonaws.com' } }, 'UnknownEndpoint', 400, 'sts.cn-north-1.amazonaws.com is not an STS endpoint'],
  ])('refuses %s', async (_label, testCase, name, status, message) => {
    const { state, send } = redeem(testCase);
    // The message too: each row must be refused by its own check, not an earlier one.
    expect(await refusal(send())).toMatchObject({ name, status, message: expect.stringContaining(message) });
    expect(state.calls.at(-1)?.status).toBe(status);
    expect(state.calls.at(-1)?.credentials).toBeUndefined();
  });

  it('answers in China and GovCloud only at their own hosts, for their own audiences', async () => {
    const china: TestRole = { accountId: '111122223333', roleName: 'Admin', providerName: 'Okta', partition: 'aws-cn' };
    const cnAssertion = samlResponse({ roleValues: [roleValue(china)], destination: 'https://signin.amazonaws.cn/saml' });
    const cnState = freshState(cnAssertion, 'sts.cn-north-1.amazonaws.com.cn');
    const output = await directClient(cnState, undefined, { region: 'cn-north-1' }).send(
      new AssumeRoleWithSAMLCommand({ RoleArn: 'arn:aws-cn:iam::111122223333:role/Admin', PrincipalArn: 'arn:aws-cn:iam::111122223333:saml-provider/Okta', SAMLAssertion: cnAssertion }),
    );
    expect(output.AssumedRoleUser?.Arn).toBe('arn:aws-cn:sts::111122223333:assumed-role/Admin/jane.doe@example.com');
    expect(cnState.calls[0]!.host).toBe('sts.cn-north-1.amazonaws.com.cn');

    // A commercial role at China's STS: the partition decides, not the assertion.
    const { send } = redeem({ client: { region: 'cn-north-1' } });
    expect((await refusal(send())).name).toBe('InvalidClientTokenId');
  });
});

describe('SigV4 check', () => {
  // AWS's Signature Version 4 test suite, "post-x-www-form-urlencoded".
  const vector = {
    method: 'POST',
    url: '/',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    },
    body: 'Param1=value1',
  };
  const secret = (id: string) => (id === 'AKIDEXAMPLE' ? 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' : undefined);
  const signedAt = new Date('2015-08-30T12:36:00Z');

  it("accepts AWS's published test vector", () => {
    expect(verifySigV4(vector, secret, signedAt)).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'service' });
  });

  it('refuses a changed body, a changed signed header, a wrong secret, an unknown key and a stale date', () => {
    const code = (result: ReturnType<typeof verifySigV4>) => (result.ok ? 'ok' : result.code);
    expect(code(verifySigV4({ ...vector, body: 'Param1=value2' }, secret, signedAt))).toBe('SignatureDoesNotMatch');
    expect(code(verifySigV4({ ...vector, headers: { ...vector.headers, host: 'other.amazonaws.com' } }, secret, signedAt))).toBe('SignatureDoesNotMatch');
    expect(code(verifySigV4(vector, () => 'another-secret', signedAt))).toBe('SignatureDoesNotMatch');
    expect(code(verifySigV4(vector, () => undefined, signedAt))).toBe('InvalidClientTokenId');
    expect(code(verifySigV4(vector, secret, new Date(signedAt.getTime() + 16 * 60_000)))).toBe('SignatureDoesNotMatch');
    expect(code(verifySigV4({ ...vector, headers: { ...vector.headers, authorization: undefined } }, secret, signedAt))).toBe('MissingAuthenticationToken');
  });
});

describe('STS stand-in: AssumeRole', () => {
  it('issues credentials to a call signed with a SAML session it trusts, and records who signed', async () => {
    const state = freshState();
    state.trust.set(DEPLOY, { from: new Set([ADMIN]) });
    const session = await samlSession(state);
    const output = await directClient(state, session).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'jane.doe@example.com', DurationSeconds: 3600 }));
    expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(output.AssumedRoleUser?.Arn).toBe('arn:aws:sts::999988887777:assumed-role/Deploy/jane.doe@example.com');
    expect(state.calls.at(-1)).toMatchObject({ status: 200, caller: { accessKeyId: session.accessKeyId, roleArn: ADMIN } });
  });

  it('refuses a missing or wrong session token, a wrong secret, an untrusted caller, a wrong ExternalId and more than the chained hour', async () => {
    const state = freshState();
    state.trust.set(DEPLOY, { from: new Set([ADMIN]), externalId: 'ext-1234' });
    const session = await samlSession(state);
    const assume = (credentials: typeof session | Omit<typeof session, 'sessionToken'>, input: Partial<{ DurationSeconds: number; ExternalId: string }> = {}) =>
      refusal(directClient(state, credentials).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'jane', ExternalId: 'ext-1234', ...input })));

    expect((await assume({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey })).name).toBe('InvalidClientTokenId');
    expect((await assume({ ...session, sessionToken: `${session.sessionToken}x` })).name).toBe('InvalidClientTokenId');
    expect((await assume({ ...session, secretAccessKey: 'x'.repeat(40) })).name).toBe('SignatureDoesNotMatch');
    expect((await assume(session, { ExternalId: 'ext-9999' })).name).toBe('AccessDenied');
    const tooLong = await assume(session, { DurationSeconds: 7200 });
    expect(tooLong).toEqual({ name: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    state.trust.set(DEPLOY, { from: new Set(['arn:aws:iam::111122223333:role/Other']), externalId: 'ext-1234' });
    const untrusted = await assume(session);
    expect(untrusted.name).toBe('AccessDenied');
    expect(untrusted.message).toContain('assumed-role/Admin/jane.doe@example.com is not authorized to perform: sts:AssumeRole');
  });

  it('refuses AssumeRoleWithSAML that carries credentials', async () => {
    const state = freshState();
    const session = await samlSession(state);
    // The SDK never signs this call; a client that did would be sending keys it should not.
    const signed = directClient(state, session);
    signed.middlewareStack.add((next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amz-security-token'] = session.sessionToken;
      return next(args);
    }, { step: 'build' });
    expect((await refusal(signed.send(new AssumeRoleWithSAMLCommand({ RoleArn: ADMIN, PrincipalArn: PROVIDER, SAMLAssertion: ASSERTION })))).name).toBe('InvalidParameterCombination');
  });
});
