// The stand-in's own reading of a SAML Response, as STS reads one to decide AssumeRoleWithSAML:
// status, validity window, audience, recipient, the Role values and the session limits. It is
// written apart from the extension's decoder on purpose: a decoder bug must not be mirrored here.
// Elements are matched by local name (fast-xml-parser's removeNSPrefix), which is all STS needs
// from an assertion whose signature it has already checked.

import { XMLParser } from 'fast-xml-parser';

export interface AssertionClaims {
  readonly issueInstant?: number;
  readonly statusSuccess: boolean;
  readonly notBefore?: number;
  readonly notOnOrAfter?: number;
  /** SubjectConfirmationData's NotOnOrAfter and Recipient (exactly one SubjectConfirmation). */
  readonly confirmation?: { readonly notOnOrAfter?: number; readonly recipient?: string };
  readonly audiences: readonly string[];
  /** The Role attribute's values as `roleArn,principalArn`, whichever order the IdP wrote. */
  readonly pairs: ReadonlySet<string>;
  readonly roleSessionName?: string;
  readonly sessionNotOnOrAfter?: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  alwaysCreateTextNode: true,
  // Every element is a list, however many there are; attributes stay plain strings.
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

type Node = Record<string, unknown>;

const ROLE = 'https://aws.amazon.com/SAML/Attributes/Role';
const SESSION_NAME = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** Reads a base64 SAMLResponse; undefined when it is not one (STS: InvalidIdentityToken). */
export function readAssertion(samlResponse: string): AssertionClaims | undefined {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  if (/<!DOCTYPE/i.test(xml)) return undefined;
  let document: Node;
  try {
    document = parser.parse(xml, true) as Node;
  } catch {
    return undefined;
  }
  const response = children(document, 'Response')[0];
  const assertion = response && children(response, 'Assertion')[0];
  if (!response || !assertion) return undefined;
  const status = attr(children(children(response, 'Status')[0], 'StatusCode')[0], 'Value');
  const conditions = children(assertion, 'Conditions')[0];
  const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation');
  const confirmationData = confirmations.length === 1 ? children(confirmations[0], 'SubjectConfirmationData')[0] : undefined;
  const attributes = children(children(assertion, 'AttributeStatement')[0], 'Attribute');
  const values = (name: string) =>
    attributes.filter((attribute) => attr(attribute, 'Name') === name).flatMap((attribute) => children(attribute, 'AttributeValue').map(text));
  const pairs = new Set(
    values(ROLE).flatMap((value) => {
      const parts = value.split(',').map((part) => part.trim());
      const role = parts.find((part) => /^arn:[\w-]+:iam::\d{12}:role\//.test(part));
      const provider = parts.find((part) => /^arn:[\w-]+:iam::\d{12}:saml-provider\//.test(part));
      return parts.length === 2 && role && provider ? [`${role},${provider}`] : [];
    }),
  );
  return {
    ...optional('issueInstant', time(attr(assertion, 'IssueInstant'))),
    statusSuccess: status === SUCCESS,
    ...optional('notBefore', time(attr(conditions, 'NotBefore'))),
    ...optional('notOnOrAfter', time(attr(conditions, 'NotOnOrAfter'))),
    ...(confirmationData
      ? {
          confirmation: {
            ...optional('notOnOrAfter', time(attr(confirmationData, 'NotOnOrAfter'))),
            ...optional('recipient', attr(confirmationData, 'Recipient')),
          },
        }
      : {}),
    audiences: children(conditions, 'AudienceRestriction').flatMap((restriction) => children(restriction, 'Audience').map(text)),
    pairs,
    ...optional('roleSessionName', values(SESSION_NAME)[0]),
    ...optional('sessionNotOnOrAfter', time(attr(children(assertion, 'AuthnStatement')[0], 'SessionNotOnOrAfter'))),
  };
}

function children(node: unknown, name: string): Node[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Node)[name];
  return Array.isArray(value) ? value.filter((child): child is Node => typeof child === 'object' && child !== null) : [];
}

function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[name];
  return Array.isArray(value) ? undefined : typeof value === 'string' ? value : undefined;
}

function text(node: Node): string {
  const value = node['#text'];
  return (Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '').trim();
}

function time(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
