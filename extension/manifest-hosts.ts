// The manifest's host lists, generated at build time (vite.config.ts) from the partition table,
// so that the sign-in pages watched, the role-page reader and the STS hosts the worker may call
// can never drift from what the code resolves.

import { allStsHosts } from './aws/partitions';
import { SIGNIN_URL_PATTERNS } from './capture/saml-post';

export interface ManifestHosts {
  /** The SAML sign-in pages (for webRequest) and every STS endpoint (for fetch). */
  readonly hostPermissions: readonly string[];
  /** Where the role-page reader runs: exactly the sign-in pages watched. */
  readonly contentScriptMatches: readonly string[];
}

export function manifestHosts(): ManifestHosts {
  return {
    hostPermissions: [...SIGNIN_URL_PATTERNS, ...allStsHosts().map((host) => `https://${host}/*`)],
    contentScriptMatches: [...SIGNIN_URL_PATTERNS],
  };
}
