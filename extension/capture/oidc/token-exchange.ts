// The code for tokens at the provider's token endpoint (RFC 6749 4.1.3 with RFC 7636's verifier),
// as a public client: no secret exists to send. Only the ID token is kept, and only in memory, for
// the STS calls that follow; the access token is not used at all.

import { LoginError } from '../../errors';

export interface TokenRequest {
  readonly endpoint: string;
  readonly clientId: string;
  readonly code: string;
  readonly redirectUri: string;
  readonly verifier: string;
  readonly issuer: string;
}

const TOKEN_TIMEOUT_MS = 15_000;

export async function exchangeCode(request: TokenRequest, fetcher: typeof fetch): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: request.code,
    redirect_uri: request.redirectUri,
    client_id: request.clientId,
    code_verifier: request.verifier,
  });
  let response: Response;
  try {
    response = await fetcher(request.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      credentials: 'omit',
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch {
    // A browser hides a CORS refusal behind the same TypeError as a network failure.
    throw new LoginError(
      'oidc-unreachable',
      `${request.issuer}'s token endpoint could not be reached, or does not let stsbridge read its answer: the client must be a public (single-page or native) client that allows this extension's origin.`,
    );
  }
  let answer: Record<string, unknown> = {};
  try {
    const parsed = (await response.json()) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) answer = parsed as Record<string, unknown>;
  } catch {
    // Said below, by status.
  }
  if (!response.ok) {
    const error = typeof answer.error === 'string' ? answer.error.replace(/[^\w.-]/g, '').slice(0, 64) : `HTTP ${response.status}`;
    const description = typeof answer.error_description === 'string' ? ` (${answer.error_description.replace(/[^\x20-\x7e]/g, '').slice(0, 200)})` : '';
    throw new LoginError('oidc-refused', `${request.issuer} would not exchange the sign-in for tokens: ${error}${description}.`);
  }
  if (typeof answer.id_token !== 'string' || answer.id_token === '') {
    throw new LoginError('oidc-refused', `${request.issuer} answered without an ID token: is openid among the scopes?`);
  }
  return answer.id_token;
}
