// A provider's discovery document (OpenID Connect Discovery 1.0), fetched from
// `<issuer>/.well-known/openid-configuration` and checked before anything is sent to it: its
// `issuer` must be exactly the one configured (AWS matches `iss` against the IAM provider URL),
// its endpoints https, and it must offer the code flow, an algorithm AWS accepts for ID tokens,
// and PKCE with S256 when it lists PKCE methods at all (many providers support it unlisted).

import { LoginError } from '../../errors';

export interface Discovery {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** The algorithms the provider signs ID tokens with that AWS also accepts. */
  readonly algorithms: readonly string[];
}

/** The JWS algorithms AWS STS accepts for an OIDC provider's ID tokens. */
export const AWS_ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;

/** Where the discovery document of `issuer` is: the issuer with its path, then the well-known suffix. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

const refuse = (issuer: string, why: string) => new LoginError('oidc-discovery', `${issuer}'s OpenID configuration ${why}`);

function httpsUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The parts of `document` the flow uses, or a LoginError saying what AWS or the flow cannot work with. */
export function checkDiscovery(issuer: string, document: unknown): Discovery {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw refuse(issuer, 'is not a JSON object');
  const doc = document as Record<string, unknown>;
  if (doc.issuer !== issuer) {
    throw refuse(issuer, `names its issuer ${JSON.stringify(doc.issuer).slice(0, 200)}: it must be exactly ${issuer}, as the provider's tokens and AWS's IAM provider name it`);
  }
  if (!httpsUrl(doc.authorization_endpoint)) throw refuse(issuer, 'has no https authorization_endpoint');
  if (!httpsUrl(doc.token_endpoint)) throw refuse(issuer, 'has no https token_endpoint');
  const types = doc.response_types_supported;
  if (Array.isArray(types) && !types.includes('code')) throw refuse(issuer, 'does not offer the authorization code flow (response_type code)');
  const offered = Array.isArray(doc.id_token_signing_alg_values_supported) ? doc.id_token_signing_alg_values_supported.filter((alg): alg is string => typeof alg === 'string') : ['RS256'];
  const algorithms = offered.filter((alg) => (AWS_ID_TOKEN_ALGORITHMS as readonly string[]).includes(alg));
  if (algorithms.length === 0) {
    throw refuse(issuer, `signs ID tokens only with ${offered.join(', ') || 'nothing'}; AWS accepts ${AWS_ID_TOKEN_ALGORITHMS.join(', ')}`);
  }
  const methods = doc.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw refuse(issuer, 'does not offer PKCE with S256, which a client without a secret needs');
  return { issuer, authorizationEndpoint: doc.authorization_endpoint, tokenEndpoint: doc.token_endpoint, algorithms };
}

/** This extension's origin, as a provider's CORS settings name it. */
function extensionOrigin(): string {
  const id = (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id;
  return id ? `chrome-extension://${id}` : 'chrome-extension://<extension ID>';
}

/** How long a discovery fetch may take before the sign-in says the provider cannot be reached. */
const DISCOVERY_TIMEOUT_MS = 10_000;

export async function fetchDiscovery(issuer: string, fetcher: typeof fetch): Promise<Discovery> {
  let response: Response;
  try {
    response = await fetcher(discoveryUrl(issuer), { headers: { accept: 'application/json' }, credentials: 'omit', signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  } catch {
    // A browser reports an answer it may not read (no CORS header, as on most 404 pages) like an
    // unreachable host: both mean no configuration at that address.
    throw new LoginError(
      'oidc-unreachable',
      `No OpenID configuration could be read from ${discoveryUrl(issuer)}: most often the provider does not let this extension read it (CORS: allow the origin ${extensionOrigin()} for the discovery document as well as the token endpoint); else check the issuer address, the network or proxy.`,
    );
  }
  if (!response.ok) throw refuse(issuer, `could not be read: ${discoveryUrl(issuer)} answered HTTP ${response.status}`);
  let document: unknown;
  try {
    document = await response.json();
  } catch {
    throw refuse(issuer, 'is not JSON');
  }
  return checkDiscovery(issuer, document);
}

/**
 * Discovery documents change rarely: one fetch per provider while the worker lives. A failure is
 * not remembered, so the next sign-in fetches again.
 */
export function cachedDiscovery(fetcher: typeof fetch): (issuer: string) => Promise<Discovery> {
  const discovered = new Map<string, Promise<Discovery>>();
  return (issuer) => {
    let pending = discovered.get(issuer);
    if (!pending) {
      pending = fetchDiscovery(issuer, fetcher);
      discovered.set(issuer, pending);
      pending.catch(() => discovered.delete(issuer));
    }
    return pending;
  };
}
