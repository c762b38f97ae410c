// Which identity provider a SAML login came from, and where a sign-in to its AWS app starts: the
// address that, while the IdP's session lives, posts a fresh assertion to AWS at once (what the
// IdPs call IdP-initiated sign-on). A silent refresh opens it. Pure.
//
// What a login shows is the assertion's Issuer and, under the browser's default referrer policy,
// only the origin of the page that posted it. From those, following each vendor's public
// documentation of its IdP-initiated URL:
// - derived: Okta (the issuer holds the app's key, the origin the org), AD FS, Shibboleth and
//   PingOne (the issuer holds the host or environment; the relying party is AWS's own entity ID);
// - not derivable: the app's own ID or slug is in no assertion for Entra ID, Google Workspace,
//   Keycloak, OneLogin, JumpCloud and Auth0, and PingFederate's entity ID is free text, so
//   nothing marks a login as PingFederate's. For these the person is asked once, and shown the
//   address's shape with what the login did show filled in.

/** AWS's SAML service provider entity ID, which IdP-initiated URLs name as the relying party. */
const AWS_SP = 'urn:amazon:webservices';

export interface IdpVendor {
  /** The vendor's name, for people. */
  readonly name: string;
  /** The AWS app's start address, when the login showed all of it. */
  readonly address?: string;
  /** Otherwise its shape, `<…>` marking what only the IdP's admin page or app link shows. */
  readonly shape?: string;
}

interface Rule {
  readonly name: string;
  readonly issuer: RegExp;
  /** From the issuer's match and the posting page's origin (https, no path), if the browser sent it. */
  readonly start: (match: RegExpExecArray, origin: string | undefined) => Omit<IdpVendor, 'name'>;
}

const RULES: readonly Rule[] = [
  {
    // https://help.okta.com: an app's IdP-initiated URL is /app/<app name>/<external key>/sso/saml
    // on the org's own domain; the issuer is http://www.okta.com/<external key> for every org.
    name: 'Okta',
    issuer: /^https?:\/\/www\.okta(?:preview|-emea)?\.com\/(exk[0-9A-Za-z]{8,40})$/,
    start: ([, key], origin) => (origin ? { address: `${origin}/app/amazon_aws/${key}/sso/saml` } : { shape: `https://<your org>.okta.com/app/amazon_aws/${key}/sso/saml` }),
  },
  {
    // AD FS: the federation service's identifier is http(s)://<service>/adfs/services/trust,
    // and its IdP-initiated page names the relying party.
    name: 'AD FS',
    issuer: /^https?:\/\/([A-Za-z0-9.-]+(?::\d+)?)\/adfs\/services\/trust\/?$/,
    start: ([, host]) => ({ address: `https://${host}/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=${AWS_SP}` }),
  },
  {
    // Shibboleth IdP 3 and later: entity ID https://<host>/idp/shibboleth, unsolicited SSO endpoint.
    name: 'Shibboleth',
    issuer: /^https:\/\/([A-Za-z0-9.-]+(?::\d+)?)\/idp\/shibboleth$/,
    start: ([, host]) => ({ address: `https://${host}/idp/profile/SAML2/Unsolicited/SSO?providerId=${AWS_SP}` }),
  },
  {
    // PingOne: the issuer is the environment's URL in its region.
    name: 'PingOne',
    issuer: /^https:\/\/auth\.pingone\.(com|eu|asia|ca|com\.au)\/([0-9a-f-]{36})$/,
    start: ([, region, environment]) => ({ address: `https://auth.pingone.${region}/${environment}/saml20/idp/startsso?spEntityId=${AWS_SP}` }),
  },
  {
    // The application's ID is in the app's "User access URL", not in the assertion.
    name: 'Entra ID',
    issuer: /^https:\/\/sts\.windows\.net\/([0-9a-f-]{36})\/$/,
    start: ([, tenant]) => ({ shape: `https://launcher.myapps.microsoft.com/api/signin/<application ID>?tenantId=${tenant}` }),
  },
  {
    // The service provider's ID is in the app's "Test SAML login" link, not in the assertion.
    name: 'Google Workspace',
    issuer: /^https:\/\/accounts\.google\.com\/o\/saml2\?idpid=([\w-]+)$/,
    start: ([, idp]) => ({ shape: `https://accounts.google.com/o/saml2/initsso?idpid=${idp}&spid=<service provider ID>&forceauthn=false` }),
  },
  {
    // The client's "IDP-Initiated SSO URL name" is set per client.
    name: 'Keycloak',
    issuer: /^(https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/auth)?\/realms\/[^/?#]+)$/,
    start: ([, realm]) => ({ shape: `${realm}/protocol/saml/clients/<IDP-initiated SSO URL name>` }),
  },
  {
    name: 'OneLogin',
    issuer: /^https:\/\/app\.onelogin\.com\/saml\/metadata\/[\w-]+$/,
    start: (_, origin) => ({ shape: `${origin && /\.onelogin\.com$/.test(origin) ? origin : 'https://<your subdomain>.onelogin.com'}/launch/<app ID>` }),
  },
  {
    name: 'JumpCloud',
    issuer: /^(?:JumpCloud|https:\/\/sso\.jumpcloud\.com\/.*)$/i,
    start: () => ({ shape: 'https://sso.jumpcloud.com/saml2/<the app\'s IdP URL name>' }),
  },
  {
    name: 'Auth0',
    issuer: /^urn:([a-z0-9-]+(?:\.[a-z]{2})?\.auth0\.com)$/,
    start: ([, tenant]) => ({ shape: `https://${tenant}/samlp/<client ID>` }),
  },
];

/** The origin of a page (its Referer, as remembered), if it is an https one. */
export function originOf(page: string | undefined): string | undefined {
  if (!page) return undefined;
  try {
    const url = new URL(page);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The vendor `issuer` belongs to, with the AWS app's start address or its shape; undefined when unknown. */
export function idpVendor(issuer: string, origin: string | undefined): IdpVendor | undefined {
  for (const rule of RULES) {
    const match = rule.issuer.exec(issuer.trim());
    if (match) return { name: rule.name, ...rule.start(match, origin) };
  }
  return undefined;
}

/** Whether a page is only a site's front door (no path, no query): a dashboard, never an AWS app. */
export function isBareOrigin(page: string): boolean {
  try {
    const url = new URL(page);
    return (url.pathname === '/' || url.pathname === '') && url.search === '';
  } catch {
    return false;
  }
}
