// A namespace-aware view of fast-xml-parser's ordered output. SAML is matched by local name and
// namespace URI, never by prefix: IdPs use `saml2:`, `saml:`, `samlp:` or a default namespace for
// the same elements (one peer extension only matches `saml2:` and misses the others).
//
// Real output is not always namespace-well-formed: saml2aws's ADFS sample uses `saml2:` without
// declaring it, and its PingFederate sample has every prefix stripped. Such elements get an
// unknown namespace and still match by local name; only an element in a *declared, different*
// namespace is excluded.

import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  /** The namespace URI, or undefined when the document leaves it unknown. */
  readonly namespace: string | undefined;
  readonly localName: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, trimmed; '' when it has none. */
  readonly text: string;
}

type RawNode = Record<string, unknown>;

const ATTR_PREFIX = '@_';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Only the five XML entities and character references: a DOCTYPE is refused before parsing,
  // so no declared entity can ever be expanded.
  processEntities: true,
  htmlEntities: false,
});

/** Elements deeper than this are not SAML; refusing them keeps the walk off the stack limit. */
export const MAX_DEPTH = 64;

export class XmlShapeError extends Error {}

/**
 * Parses `xml` (validated: malformed input throws with fast-xml-parser's line/column message)
 * and returns the root element with namespaces resolved.
 */
export function parseXmlTree(xml: string): XmlElement {
  const nodes = parser.parse(xml, true) as RawNode[];
  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) throw new XmlShapeError('the document has no single root element');
  return toElement(roots[0]!, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1);
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
}

function toElement(node: RawNode, inherited: ReadonlyMap<string, string>, depth: number): XmlElement {
  if (depth > MAX_DEPTH) throw new XmlShapeError(`elements are nested more than ${MAX_DEPTH} deep`);
  const qualifiedName = elementName(node)!;
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const attributes: Record<string, string> = {};
  let scope = inherited;
  for (const [key, value] of Object.entries(rawAttributes)) {
    const name = key.slice(ATTR_PREFIX.length);
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === inherited) scope = new Map(inherited);
      (scope as Map<string, string>).set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), value);
    } else {
      attributes[name] = value;
    }
  }
  const colon = qualifiedName.indexOf(':');
  const prefix = colon === -1 ? '' : qualifiedName.slice(0, colon);
  const namespace = scope.get(prefix);
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qualifiedName] ?? []) as RawNode[]) {
    if ('#text' in child) text += String(child['#text']);
    else if (elementName(child) !== undefined) children.push(toElement(child, scope, depth + 1));
  }
  return {
    namespace,
    localName: colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1),
    attributes,
    children,
    text: text.trim(),
  };
}

/** True when `element` is `localName` in `namespace`, or in no namespace the document declares. */
export function isElement(element: XmlElement, namespace: string, localName: string): boolean {
  return element.localName === localName && (element.namespace === undefined || element.namespace === namespace);
}

export function childrenNamed(parent: XmlElement, namespace: string, localName: string): XmlElement[] {
  return parent.children.filter((child) => isElement(child, namespace, localName));
}

export function firstChild(parent: XmlElement, namespace: string, localName: string): XmlElement | undefined {
  return parent.children.find((child) => isElement(child, namespace, localName));
}
