// The secrets of one authorization request: a PKCE verifier with its S256 challenge (RFC 7636),
// and `state` and `nonce`. Made fresh for every request from the platform's CSPRNG, held only in
// the worker's memory for the length of the flow, and never stored.

export interface AuthorizationSecrets {
  /** 32 random bytes, base64url: 43 characters, within PKCE's 43–128. */
  readonly verifier: string;
  /** base64url(SHA-256(verifier)). */
  readonly challenge: string;
  /** Ties the redirect to this request (CSRF). */
  readonly state: string;
  /** Ties the ID token to this request (replay). */
  readonly nonce: string;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomText = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

export async function s256(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export async function authorizationSecrets(): Promise<AuthorizationSecrets> {
  const verifier = randomText(32);
  return { verifier, challenge: await s256(verifier), state: randomText(16), nonce: randomText(16) };
}
