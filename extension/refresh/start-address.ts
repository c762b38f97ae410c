// Where a silent sign-in through a SAML identity provider goes, and where "Sign in again" sends a
// person: one answer from the options, what logins taught, and the vendor's rules
// (idp-vendors.ts). Pure.

import { ownValue, type IdentityProviders } from '../storage/identity-providers';
import type { Settings } from '../storage/settings';
import { idpVendor, isBareOrigin, originOf } from './idp-vendors';

export type StartAddress =
  | {
      readonly address: string;
      /** Who chose it: the options (for this IdP, or for all), the vendor's rule, or a login's page. */
      readonly from: 'options' | 'derived' | 'learned';
      /** The vendor's name, when the issuer says. */
      readonly vendor?: string;
      /** A silent sign-in through exactly this address has brought an assertion before. */
      readonly verified: boolean;
    }
  | {
      readonly address?: undefined;
      /** Why there is none, in words for the person, saying where to set it. */
      readonly problem: string;
      /** What the person is shown to start from: the address's shape, or the site sign-ins came from. */
      readonly candidate?: string;
      /** Who the IdP is, for people: its vendor's name, or the site its sign-ins came from. */
      readonly who?: string;
    };

type AddressSettings = Pick<Settings, 'loginUrl' | 'loginUrls'>;

const WHERE_TO_SET = 'set the address of your AWS app in the stsbridge options, under Identity providers';

/**
 * The address that signs a person in to AWS through `issuer` at once while its session lives: the
 * options' for this IdP; a start page a login showed in full; the vendor's IdP-initiated URL; the
 * options' general one. Never a bare origin: that is a dashboard, which posts nothing.
 */
export function startAddress(issuer: string | undefined, settings: AddressSettings, known: IdentityProviders): StartAddress {
  const seen = issuer === undefined ? undefined : ownValue(known, issuer);
  const vendor = issuer === undefined ? undefined : idpVendor(issuer, originOf(seen?.startPage));
  const found = (address: string, from: 'options' | 'derived' | 'learned') => ({ address, from, ...(vendor ? { vendor: vendor.name } : {}), verified: seen?.worked === address });
  const configured = issuer === undefined ? undefined : ownValue(settings.loginUrls, issuer);
  if (configured) return found(configured, 'options');
  if (seen?.startPage && !isBareOrigin(seen.startPage)) return found(seen.startPage, 'learned');
  if (vendor?.address) return found(vendor.address, 'derived');
  if (settings.loginUrl) return found(settings.loginUrl, 'options');
  if (vendor?.shape) {
    return { problem: `stsbridge cannot work out where a sign-in to your AWS app at ${vendor.name} starts: ${WHERE_TO_SET}; it looks like ${vendor.shape}`, candidate: vendor.shape, who: vendor.name };
  }
  if (seen?.startPage) {
    const host = new URL(seen.startPage).host;
    return { problem: `sign-ins through ${host} showed only its home page, which does not sign in to AWS by itself: ${WHERE_TO_SET}`, candidate: seen.startPage, who: host };
  }
  return { problem: `stsbridge does not know where sign-ins through this identity provider start: sign in to the AWS console through it once, or ${WHERE_TO_SET}` };
}

/** Where a person signs in again: the start address, else the site the last sign-in came from. */
export function personStartAddress(issuer: string | undefined, settings: AddressSettings, known: IdentityProviders): string | undefined {
  const start = startAddress(issuer, settings, known);
  if (start.address !== undefined) return start.address;
  return (issuer === undefined ? undefined : ownValue(known, issuer)?.startPage) || undefined;
}

/**
 * IdPs whose current start address already sent no sign-in and asked for none, by issuer (the
 * address as the value): keeping fresh leaves them alone until the address changes, as it leaves
 * ended sessions until the person signs in. A person's own refresh still tries.
 */
export function stalledAddresses(settings: AddressSettings, known: IdentityProviders): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(known).flatMap(([issuer, seen]) => {
      if (!seen.failed) return [];
      return startAddress(issuer, settings, known).address === seen.failed ? [[issuer, seen.failed]] : [];
    }),
  );
}
