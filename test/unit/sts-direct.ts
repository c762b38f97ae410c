// A real STS client whose requests go straight to the STS stand-in (its serializer, signer and
// parser are the SDK's; only the network is replaced by a direct call), and the refusal it gets.
// Shared by the stand-in's own tests, one per STS action family.

import { Readable } from 'node:stream';
import { STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import { handleSts, type StsState } from '../e2e/fake-aws/sts';

export type ClientOptions = { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } };

/** A real STS client whose requests go straight to the stand-in. */
export function directClient(state: StsState, credentials?: ClientOptions['credentials'], options: Omit<ClientOptions, 'credentials'> = {}): STSClient {
  return new STSClient({
    region: options.region ?? 'eu-west-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
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

export async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(STSServiceException);
  const { name, message, $metadata } = error as STSServiceException;
  return { name, message, status: $metadata.httpStatusCode };
}

