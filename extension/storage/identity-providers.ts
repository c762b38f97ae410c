// The identity providers logins came from, by their SAML entity ID (the assertion's Issuer), and
// the page each sign-in started from, so an expiry warning's "Sign in again" can go back there.
// Pure; the worker's shell stores them in storage.local (not secret: addresses, not tokens).
//
// The start page is the sign-in POST's Referer. Under browsers' default referrer policy a page
// on another site sends only its origin (`https://example.okta.com/`), which is the identity
// provider's portal, one click from the AWS app; an IdP that sends no Referer leaves none, and
// the options can name the exact address per IdP.

import { isSigninHost } from '../aws/partitions';

export interface IdentityProvider {
  /** Where the last sign-in through this IdP started, when the browser said. */
  readonly startPage?: string;
  /** When that start page was learned, ISO 8601 (absent in what older versions stored). */
  readonly startPageAt?: string;
  /** When a login last came from it, ISO 8601. */
  readonly seenAt: string;
  /** The last start address a silent sign-in got an assertion from: known to work. */
  readonly worked?: string;
  /** When the person was asked for its start address (once: see refresh/start-address.ts). */
  readonly askedAt?: string;
  /** A start address that sent no sign-in and asked for none: keeping fresh waits for another. */
  readonly failed?: string;
}

/** By issuer (entity ID). */
export type IdentityProviders = Readonly<Record<string, IdentityProvider>>;

/** More than anyone signs in through; the oldest go first. */
export const MAX_IDENTITY_PROVIDERS = 20;

/**
 * `record[key]` when it is the record's own: an issuer is text from an assertion, and one named
 * `constructor` or `__proto__` must not find Object.prototype's members.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A Referer worth going back to: https, and not AWS's own sign-in page (the role page re-posts). */
export function startPageFrom(referrer: string | undefined): string | undefined {
  if (!referrer) return undefined;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  if (isSigninHost(url.hostname)) return undefined;
  url.hash = '';
  return url.href;
}

export function parseIdentityProviders(stored: unknown): IdentityProviders {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const entries = Object.entries(stored as Record<string, unknown>).flatMap(([issuer, value]): [string, IdentityProvider][] => {
    if (issuer.length === 0 || issuer.length > 512 || typeof value !== 'object' || value === null) return [];
    const { startPage, startPageAt, seenAt, worked, askedAt, failed } = value as Record<string, unknown>;
    if (typeof seenAt !== 'string') return [];
    const page = typeof startPage === 'string' ? startPageFrom(startPage) : undefined;
    const learned = page && typeof startPageAt === 'string' ? { startPageAt } : {};
    const works = typeof worked === 'string' && worked.length <= 2048 ? { worked } : {};
    const asked = typeof askedAt === 'string' ? { askedAt } : {};
    const wrong = typeof failed === 'string' && failed.length <= 2048 ? { failed } : {};
    return [[issuer, { seenAt, ...(page ? { startPage: page } : {}), ...learned, ...works, ...asked, ...wrong }]];
  });
  return newestFirst(entries);
}

/** `known` with a login from `issuer` at `at`; a login that brought no start page keeps the last one. */
export function rememberProvider(known: IdentityProviders, issuer: string, startPage: string | undefined, at: string): IdentityProviders {
  const before = ownValue(known, issuer);
  const page = startPage ? { startPage, startPageAt: at } : { ...(before?.startPage ? { startPage: before.startPage } : {}), ...(before?.startPageAt ? { startPageAt: before.startPageAt } : {}) };
  const kept = {
    ...(before?.worked ? { worked: before.worked } : {}),
    ...(before?.askedAt ? { askedAt: before.askedAt } : {}),
    ...(before?.failed ? { failed: before.failed } : {}),
  };
  const others = Object.entries(known).filter(([name]) => name !== issuer);
  return newestFirst([[issuer, { seenAt: at, ...page, ...kept }], ...others]);
}

/** `known` with `address` recorded as one that brought an assertion through `issuer` (an IdP already known). */
export function addressWorked(known: IdentityProviders, issuer: string, address: string): IdentityProviders {
  const before = ownValue(known, issuer);
  if (!before || (before.worked === address && before.failed === undefined)) return known;
  const rest = Object.fromEntries(Object.entries(before).filter(([key]) => key !== 'failed')) as Omit<IdentityProvider, 'failed'>;
  return { ...known, [issuer]: { ...rest, worked: address } };
}

/** `known` with `address` recorded as one that sent no sign-in through `issuer` and asked for none. */
export function addressFailed(known: IdentityProviders, issuer: string, address: string): IdentityProviders {
  const before = ownValue(known, issuer);
  if (!before || before.failed === address) return known;
  return { ...known, [issuer]: { ...before, failed: address } };
}

/** `known` with the person asked for `issuer`'s start address at `at`. */
export function askedForAddress(known: IdentityProviders, issuer: string, at: string): IdentityProviders {
  const before = ownValue(known, issuer);
  return before ? { ...known, [issuer]: { ...before, askedAt: at } } : known;
}

/** A start page is learned again after this long: IdP portals move, rarely. */
export const START_PAGE_FRESH_MS = 7 * 24 * 3600_000;

/**
 * Whether the next sign-in's start page is worth learning: when no IdP is known yet, or the one
 * the last login came from has no start page learned within START_PAGE_FRESH_MS. Learning it
 * costs every sign-in POST a few milliseconds (capture/start-page.ts), so it is done only then.
 */
export function startPageWanted(known: IdentityProviders, now: number): boolean {
  const latest = Object.values(known)[0];
  if (!latest?.startPage || !latest.startPageAt) return true;
  const learned = Date.parse(latest.startPageAt);
  return Number.isNaN(learned) || now - learned > START_PAGE_FRESH_MS;
}

function newestFirst(entries: [string, IdentityProvider][]): IdentityProviders {
  return Object.fromEntries(entries.sort(([, a], [, b]) => (a.seenAt < b.seenAt ? 1 : a.seenAt > b.seenAt ? -1 : 0)).slice(0, MAX_IDENTITY_PROVIDERS));
}
