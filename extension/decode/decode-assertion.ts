// base64 → XML → Assertion: everything stsbridge needs from a SAMLResponse, read without a DOM
// (a service worker has no DOMParser) and without trusting the input.

import type { RolePair } from '../aws/arns';
import { MAX_SESSION_DURATION, MIN_SESSION_DURATION } from '../aws/session-duration';
import { DecodeError } from './decode-error';
import { readRolePairs } from './role-pairs';
import { childrenNamed, firstChild, isElement, parseXmlTree, XmlShapeError, type XmlElement } from './xml-tree';

export interface Assertion {
  readonly roles: RolePair[];
  /** Role values that held no valid role/provider pair, as sent. */
  readonly invalidRoleValues: string[];
  /**
   * True when the response carries an EncryptedAssertion (IAM SAML encryption is on): AWS can
   * read it, we cannot, so `roles` is empty and the role comes from AWS's role page.
   */
  readonly encrypted: boolean;
  /** Seconds, from the SessionDuration attribute, when it is within AWS's 900–43200. */
  readonly sessionDuration?: number;
  /** A SessionDuration value outside 900–43200 or not a number, as sent. */
  readonly invalidSessionDuration?: string;
  readonly roleSessionName?: string;
  /** Conditions' NotBefore, as sent. */
  readonly notBefore?: string;
  /** The earlier of the subject confirmation's and the conditions' NotOnOrAfter, as sent. */
  readonly notOnOrAfter?: string;
  readonly destination?: string;
  /** The subject confirmation's Recipient: the sign-in URL the IdP addressed. */
  readonly recipient?: string;
  /** The identity provider's entity ID (the Response's Issuer, else the assertion's): which IdP this was. */
  readonly issuer?: string;
}

export const MAX_ASSERTION_BYTES = 1024 * 1024;
const MAX_BASE64_LENGTH = Math.ceil(MAX_ASSERTION_BYTES / 3) * 4;

const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ATTR_ROLE = 'https://aws.amazon.com/SAML/Attributes/Role';
const ATTR_SESSION_DURATION = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
const ATTR_ROLE_SESSION_NAME = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';

// Standard alphabet; some IdPs wrap the text every 76 characters, so whitespace is allowed.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes the SAMLResponse form value into the XML text it carries. */
export function decodeSamlResponse(samlResponse: string): string {
  // Size first, before any pass over the text: line wrapping adds at most a few percent, so
  // anything over twice the base64 size of the limit is refused unread.
  const tooLarge = () => new DecodeError('too-large', 'The SAML response is larger than 1 MiB; stsbridge refuses to read it.');
  if (samlResponse.length > MAX_BASE64_LENGTH * 2) throw tooLarge();
  const compact = samlResponse.replace(/\s+/g, '');
  if (compact.length > MAX_BASE64_LENGTH) throw tooLarge();
  if (compact === '' || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new DecodeError('not-base64', 'The SAML response is not valid base64, so it cannot be a SAML assertion.');
  }
  const binary = atob(compact);
  // A plain loop: Uint8Array.from(binary, mapper) walks the string through its iterator and
  // took half of a whole decode (234 of 455 µs for a 3 KB response, measured in Node).
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DecodeError('not-xml', 'The SAML response is not UTF-8 text, so it is not a SAML assertion.');
  }
  return text;
}

/** Reads the roles and attributes AWS uses from the decoded SAMLResponse XML. */
export function readAssertion(xml: string): Assertion {
  // DOCTYPE and entity declarations are never part of SAML and are how XML bombs and external
  // entity reads start; refuse them rather than trust a parser setting.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new DecodeError('doctype-refused', 'The SAML response contains a DOCTYPE or entity declaration, which stsbridge refuses.');
  }
  let root: XmlElement;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    const detail = error instanceof XmlShapeError ? `: ${error.message}` : '';
    throw new DecodeError('not-xml', `The SAML response is not well-formed XML${detail}.`);
  }
  if (!isElement(root, NS_PROTOCOL, 'Response')) {
    throw new DecodeError('not-saml', 'The posted document is XML but not a SAML 2.0 Response.');
  }
  const assertion = firstChild(root, NS_ASSERTION, 'Assertion');
  if (!assertion) {
    if (firstChild(root, NS_ASSERTION, 'EncryptedAssertion')) {
      return { roles: [], invalidRoleValues: [], encrypted: true, ...optional('destination', root.attributes.Destination), ...optional('issuer', issuerOf(root)) };
    }
    throw new DecodeError('no-role-attribute', 'The SAML response holds no assertion, so it names no AWS role.');
  }
  const attributes = attributeValues(assertion);
  const roleValues = attributes.get(ATTR_ROLE);
  if (!roleValues || roleValues.length === 0) {
    throw new DecodeError('no-role-attribute', `The SAML assertion has no ${ATTR_ROLE} attribute, so it names no AWS role. Ask your identity-provider admin to map one.`);
  }
  const { roles, invalidValues } = readRolePairs(roleValues);
  if (roles.length === 0) {
    throw new DecodeError('invalid-role-value', `No value of the Role attribute is a role/provider ARN pair (first value: "${clip(invalidValues[0] ?? '')}").`);
  }
  const confirmation = subjectConfirmationData(assertion);
  const conditions = firstChild(assertion, NS_ASSERTION, 'Conditions');
  return {
    roles,
    invalidRoleValues: invalidValues,
    encrypted: false,
    ...readSessionDuration(attributes.get(ATTR_SESSION_DURATION)?.[0]),
    ...optional('roleSessionName', attributes.get(ATTR_ROLE_SESSION_NAME)?.[0]),
    ...optional('notBefore', conditions?.attributes.NotBefore),
    ...optional('notOnOrAfter', earliest(confirmation?.attributes.NotOnOrAfter, conditions?.attributes.NotOnOrAfter)),
    ...optional('destination', root.attributes.Destination),
    ...optional('recipient', confirmation?.attributes.Recipient),
    ...optional('issuer', issuerOf(root) ?? issuerOf(assertion)),
  };
}

/** An Issuer's text; entity IDs are URIs, so anything longer than any real one is cut. */
function issuerOf(element: XmlElement): string | undefined {
  const text = firstChild(element, NS_ASSERTION, 'Issuer')?.text.trim();
  return text ? text.slice(0, 512) : undefined;
}

function readSessionDuration(value: string | undefined): Pick<Assertion, 'sessionDuration' | 'invalidSessionDuration'> {
  const text = value?.trim();
  if (!text) return {};
  const seconds = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  return seconds >= MIN_SESSION_DURATION && seconds <= MAX_SESSION_DURATION
    ? { sessionDuration: seconds }
    : { invalidSessionDuration: clip(text) };
}

/** The earlier of two xs:dateTime values; one that does not parse wins, so that it gets reported. */
function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(ta)) return a;
  if (Number.isNaN(tb)) return b;
  return ta <= tb ? a : b;
}

/** Both steps: the form value as posted → Assertion. */
export function decodeAssertion(samlResponse: string): Assertion {
  return readAssertion(decodeSamlResponse(samlResponse));
}

function attributeValues(assertion: XmlElement): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const statement of childrenNamed(assertion, NS_ASSERTION, 'AttributeStatement')) {
    for (const attribute of childrenNamed(statement, NS_ASSERTION, 'Attribute')) {
      const name = attribute.attributes.Name?.trim();
      if (!name) continue;
      const list = values.get(name) ?? [];
      for (const value of childrenNamed(attribute, NS_ASSERTION, 'AttributeValue')) list.push(value.text);
      values.set(name, list);
    }
  }
  return values;
}

function subjectConfirmationData(assertion: XmlElement): XmlElement | undefined {
  const subject = firstChild(assertion, NS_ASSERTION, 'Subject');
  const confirmation = subject && firstChild(subject, NS_ASSERTION, 'SubjectConfirmation');
  return confirmation && firstChild(confirmation, NS_ASSERTION, 'SubjectConfirmationData');
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  const trimmed = value?.trim();
  return (trimmed ? { [key]: trimmed } : {}) as { [P in K]?: string };
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
