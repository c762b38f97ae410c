// What an identity provider's page says to a silent sign-in, read from its HTML: a form that posts
// a SAML assertion to AWS (what an IdP-initiated sign-on page is while the session lives), a
// sign-in to the person (a password, a one-time code, the user name of an identifier-first page),
// or neither. Pure, and without a DOM: the worker has none, so tags are read the way the HTML
// tokenizer reads them, in one pass, with comments and the text of scripts, styles and templates
// set aside (there is no markup there).

import { parseSigninUrl } from '../aws/partitions';
import type { SamlPost } from '../capture/saml-post';

export type SignInPage =
  | { readonly kind: 'post'; readonly post: SamlPost }
  | { readonly kind: 'asks' }
  | { readonly kind: 'other' };

/** Longer pages are read this far: an auto-post page is a few kilobytes, a sign-in page a few hundred. */
export const MAX_PAGE_CHARS = 4_000_000;

type Attributes = ReadonlyMap<string, string>;

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const TAG_NAME = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/;
/** Elements whose content is text, never markup, up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'noscript', 'title', 'xmp']);

/** One start or end tag: its name (lower case), whether it ends, its attribute text. */
interface Tag {
  readonly name: string;
  readonly end: boolean;
  readonly attributes: string;
}

/**
 * The tags of `text`, in one pass that never goes back: comments and raw-text elements are
 * skipped whole, and a tag left unterminated ends the reading (all that follows is inside it).
 */
function* tagsOf(text: string): Generator<Tag> {
  const lower = text.toLowerCase();
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open < 0) return;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close < 0) return;
      at = close + 3;
      continue;
    }
    const head = TAG_NAME.exec(text.slice(open, open + 64));
    if (!head) {
      at = open + 1;
      continue;
    }
    let close = open + head[0].length;
    let quote = '';
    for (; close < text.length; close += 1) {
      const char = text[close];
      if (quote) {
        if (char === quote) quote = '';
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    if (close >= text.length) return;
    const tag = { name: head[2]!.toLowerCase(), end: head[1] === '/', attributes: text.slice(open + head[0].length, close) };
    at = close + 1;
    if (!tag.end && RAW_TEXT.has(tag.name)) {
      const ends = lower.indexOf(`</${tag.name}`, at);
      if (ends < 0) return;
      at = ends;
      continue;
    }
    yield tag;
  }
}

/** Reads `html`, the page at `pageUrl` (for relative form actions). */
export function readSignInPage(html: string, pageUrl: string): SignInPage {
  let form: { action: string; method: string; fields: Map<string, string> } | undefined;
  let asks = false;
  for (const tag of tagsOf(html.slice(0, MAX_PAGE_CHARS))) {
    if (tag.name === 'form' && tag.end) {
      const post = form && samlPostOf(form, pageUrl);
      if (post) return { kind: 'post', post };
      form = undefined;
      continue;
    }
    if (tag.end || (tag.name !== 'form' && tag.name !== 'input')) continue;
    const attributes = readAttributes(tag.attributes);
    if (tag.name === 'form') {
      form = { action: attributes.get('action') ?? '', method: (attributes.get('method') ?? 'get').toLowerCase(), fields: new Map() };
      continue;
    }
    const field = attributes.get('name');
    if (form && field !== undefined && !attributes.has('disabled') && !form.fields.has(field)) form.fields.set(field, attributes.get('value') ?? '');
    if (asksForSignIn(attributes)) asks = true;
  }
  // A form left open at the end of the page still posts.
  const post = form && samlPostOf(form, pageUrl);
  if (post) return { kind: 'post', post };
  return asks ? { kind: 'asks' } : { kind: 'other' };
}

function readAttributes(source: string): Attributes {
  const attributes = new Map<string, string>();
  for (const [, name, double, single, bare] of source.matchAll(ATTRIBUTE)) {
    const key = name!.toLowerCase();
    // As in HTML: the first of a repeated attribute counts.
    if (!attributes.has(key)) attributes.set(key, decodeEntities(double ?? single ?? bare ?? ''));
  }
  return attributes;
}

/** A field that asks the person to sign in; hidden and disabled ones ask nothing. */
function asksForSignIn(attributes: Attributes): boolean {
  const type = (attributes.get('type') ?? 'text').toLowerCase();
  if (type === 'hidden' || attributes.has('disabled')) return false;
  const autocomplete = (attributes.get('autocomplete') ?? '').toLowerCase().split(/\s+/);
  const name = (attributes.get('name') ?? '').toLowerCase();
  return (
    type === 'password' ||
    type === 'email' ||
    autocomplete.some((token) => token === 'one-time-code' || token === 'current-password' || token === 'username') ||
    name.includes('otp') ||
    name.includes('passcode')
  );
}

function samlPostOf(form: { action: string; method: string; fields: ReadonlyMap<string, string> }, pageUrl: string): SamlPost | undefined {
  const samlResponse = form.fields.get('SAMLResponse')?.trim();
  if (form.method !== 'post' || !samlResponse) return undefined;
  let action: URL;
  try {
    action = new URL(form.action || pageUrl, pageUrl);
  } catch {
    return undefined;
  }
  // Only AWS's own sign-in endpoint: an assertion for anyone else is not stsbridge's to use.
  const signin = parseSigninUrl(action.href);
  if (!signin) return undefined;
  return { url: action.href, signin, samlResponse };
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});?/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity.toLowerCase()] ?? whole;
  });
}
