// webRequest details → SamlPost: the SAMLResponse (and the role picked on AWS's role page) from a
// form POST to an AWS sign-in SAML endpoint. The request itself is only observed, never changed.

import { parseSigninUrl, SIGNIN_HOSTS, type SigninEndpoint } from '../aws/partitions';

export interface SamlPost {
  readonly url: string;
  readonly signin: SigninEndpoint;
  /** The form value as posted: base64 of the SAML Response XML. */
  readonly samlResponse: string;
  /** The role ARN chosen on AWS's role-selection page, which re-posts the assertion with it. */
  readonly roleIndex?: string;
}

/** The parts of `webRequest.onBeforeRequest` details this module reads. */
export interface RequestDetails {
  readonly url: string;
  readonly method: string;
  readonly requestBody?: {
    readonly error?: string;
    readonly formData?: Record<string, unknown[]>;
    readonly raw?: readonly { readonly bytes?: unknown }[];
  } | null;
}

/** URL patterns for the webRequest filter, from the one endpoint table. */
export const SIGNIN_URL_PATTERNS: string[] = SIGNIN_HOSTS.flatMap(({ host }) => [`https://${host}/saml*`, `https://*.${host}/saml*`]);

export function readSamlPost(details: RequestDetails): SamlPost | undefined {
  if (details.method !== 'POST') return undefined;
  const signin = parseSigninUrl(details.url);
  if (!signin) return undefined;
  const form = readForm(details.requestBody);
  const samlResponse = form?.get('SAMLResponse');
  if (!form || !samlResponse) return undefined;
  const roleIndex = form.get('roleIndex')?.trim();
  return { url: details.url, signin, samlResponse, ...(roleIndex ? { roleIndex } : {}) };
}

function readForm(body: RequestDetails['requestBody']): Map<string, string> | undefined {
  if (!body) return undefined;
  if (body.formData) {
    const form = new Map<string, string>();
    for (const [key, values] of Object.entries(body.formData)) {
      // Chrome gives strings; its types also allow ArrayBuffer for file parts, which we skip.
      const first = values[0];
      if (typeof first === 'string') form.set(key, first);
    }
    return form;
  }
  // Chrome leaves formData out when the body is over its parsing limit or oddly encoded; the raw
  // bytes are still there and are plain application/x-www-form-urlencoded.
  const parts = (body.raw ?? []).map((part) => part.bytes).filter((bytes) => bytes instanceof ArrayBuffer);
  if (parts.length === 0) return undefined;
  const text = new TextDecoder().decode(concat(parts));
  return new Map(new URLSearchParams(text));
}

function concat(buffers: ArrayBuffer[]): Uint8Array {
  const total = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    out.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  return out;
}
