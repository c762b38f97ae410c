// The STS stand-in is only worth trusting if it is as strict as STS. These drive it with the real
// SDK (its serializer, SigV4 signer and parser; only the network is replaced by a direct call)
// and with AWS's published SigV4 test vector.

import { Readable } from 'node:stream';
import { AssumeRoleCommand, AssumeRoleWithSAMLCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../e2e/fake-aws/sigv4';
import { handleSts, type StsState } from '../e2e/fake-aws/sts';

const REGION = 'eu-west-1';
const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';
const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/Okta';
const ASSERTION = 'PHNhbWxwOlJlc3BvbnNlLz4=';

function freshState(): StsState {
  const state: StsState = { logins: new Map(), maxSessionDuration: new Map(), throttleOnce: new Set(), sessions: new Map(), trust: new Map(), calls: [] };
  state.logins.set(ASSERTION, { samlResponse: ASSERTION, pairs: new Set([`${ADMIN},${PROVIDER}`]), roleSessionName: 'jane.doe@example.com' });
  return state;
}

/** A real STS client whose requests go straight to the stand-in. */
function client(state: StsState, credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
  return new STSClient({
    region: REGION,
    maxAttempts: 1,
    ...(credentials ? { credentials } : {}),
    requestHandler: {
      // The Query protocol's body is a form-encoded string.
      handle(request: { method: string; hostname: string; path: string; headers: Record<string, string>; body?: string }) {
        const reply = handleSts(state, {
          method: request.method,
          path: request.path,
          url: request.path,
          host: request.hostname,
          // Node lower-cases header names on the wire; so does the stand-in's server.
          headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])),
          body: request.body ?? '',
          receivedAt: 0,
        });
        return Promise.resolve({ response: { statusCode: reply.status, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(reply.body)]) } });
      },
    } as never,
  });
}

async function samlSession(state: StsState) {
  const output = await client(state).send(new AssumeRoleWithSAMLCommand({ RoleArn: ADMIN, PrincipalArn: PROVIDER, SAMLAssertion: ASSERTION }));
  const { AccessKeyId, SecretAccessKey, SessionToken } = output.Credentials!;
  return { accessKeyId: AccessKeyId!, secretAccessKey: SecretAccessKey!, sessionToken: SessionToken! };
}

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(STSServiceException);
  const { name, message } = error as STSServiceException;
  return { name, message };
}

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
    const output = await client(state, session).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'jane.doe@example.com', DurationSeconds: 3600 }));
    expect(output.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(output.AssumedRoleUser?.Arn).toBe('arn:aws:sts::999988887777:assumed-role/Deploy/jane.doe@example.com');
    expect(state.calls.at(-1)).toMatchObject({ status: 200, caller: { accessKeyId: session.accessKeyId, roleArn: ADMIN } });
  });

  it('refuses a missing or wrong session token, a wrong secret, an untrusted caller, a wrong ExternalId and more than the chained hour', async () => {
    const state = freshState();
    state.trust.set(DEPLOY, { from: new Set([ADMIN]), externalId: 'ext-1234' });
    const session = await samlSession(state);
    const assume = (credentials: typeof session | Omit<typeof session, 'sessionToken'>, input: Partial<{ DurationSeconds: number; ExternalId: string }> = {}) =>
      refusal(client(state, credentials).send(new AssumeRoleCommand({ RoleArn: DEPLOY, RoleSessionName: 'jane', ExternalId: 'ext-1234', ...input })));

    expect((await assume({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey })).name).toBe('InvalidClientTokenId');
    expect((await assume({ ...session, sessionToken: `${session.sessionToken}x` })).name).toBe('InvalidClientTokenId');
    expect((await assume({ ...session, secretAccessKey: 'x'.repeat(40) })).name).toBe('SignatureDoesNotMatch');
    expect((await assume(session, { ExternalId: 'ext-9999' })).name).toBe('AccessDenied');
    const tooLong = await assume(session, { DurationSeconds: 7200 });
    expect(tooLong).toEqual({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    state.trust.set(DEPLOY, { from: new Set(['arn:aws:iam::111122223333:role/Other']), externalId: 'ext-1234' });
    const untrusted = await assume(session);
    expect(untrusted.name).toBe('AccessDenied');
    expect(untrusted.message).toContain('assumed-role/Admin/jane.doe@example.com is not authorized to perform: sts:AssumeRole');
  });

  it('refuses AssumeRoleWithSAML that carries credentials', async () => {
    const state = freshState();
    const session = await samlSession(state);
    // The SDK never signs this call; a client that did would be sending keys it should not.
    const signed = client(state, session);
    signed.middlewareStack.add((next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amz-security-token'] = session.sessionToken;
      return next(args);
    }, { step: 'build' });
    expect((await refusal(signed.send(new AssumeRoleWithSAMLCommand({ RoleArn: ADMIN, PrincipalArn: PROVIDER, SAMLAssertion: ASSERTION })))).name).toBe('InvalidParameterCombination');
  });
});
