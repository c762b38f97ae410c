// Is the assertion redeemable now? STS refuses an expired or not-yet-valid assertion with a
// terse message; checking first lets the popup say what is wrong, and spends no STS call.

import { DecodeError } from './decode-error';
import type { Assertion } from './decode-assertion';

/**
 * SAML service providers commonly allow a few minutes between the IdP's clock and theirs; a
 * computer whose clock is slightly off must not lose its logins to a check STS would pass.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

export function checkValidity(assertion: Pick<Assertion, 'notBefore' | 'notOnOrAfter'>, now: Date): void {
  const notOnOrAfter = parseInstant('NotOnOrAfter', assertion.notOnOrAfter);
  const notBefore = parseInstant('NotBefore', assertion.notBefore);
  if (notOnOrAfter !== undefined && now.getTime() >= notOnOrAfter + CLOCK_SKEW_MS) {
    throw new DecodeError(
      'assertion-expired',
      `The SAML assertion expired at ${new Date(notOnOrAfter).toISOString()} (by this computer's clock, it is now ${now.toISOString()}). Sign in again.`,
    );
  }
  if (notBefore !== undefined && now.getTime() < notBefore - CLOCK_SKEW_MS) {
    throw new DecodeError(
      'assertion-not-yet-valid',
      `The SAML assertion is valid only from ${new Date(notBefore).toISOString()} (by this computer's clock, it is now ${now.toISOString()}). Check this computer's clock, or your identity provider's.`,
    );
  }
}

function parseInstant(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // xs:dateTime always has a 'T' and a date first; Date.parse alone accepts far looser text.
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new DecodeError('invalid-time', `The SAML assertion's ${name} is not a valid time ("${value.slice(0, 60)}").`);
  }
  return time;
}
