import { describe, expect, it } from 'vitest';
import { readAssertion } from '../../../extension/decode/decode-assertion';
import { checkValidity, CLOCK_SKEW_MS } from '../../../extension/decode/validity';
import { DecodeError } from '../../../extension/decode/decode-error';
import { readRealWorld } from '../../real-world';
import { has, realWorldFixtures } from '../../requirements';

const at = (iso: string) => new Date(iso);

function outcome(window: { notBefore?: string; notOnOrAfter?: string }, now: Date): string {
  try {
    checkValidity(window, now);
    return 'valid';
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return (error as DecodeError).code;
  }
}

describe('checkValidity', () => {
  const window = { notBefore: '2030-01-01T10:00:00Z', notOnOrAfter: '2030-01-01T10:05:00Z' };
  it.each([
    ['inside the window', '2030-01-01T10:02:00Z', 'valid'],
    ['just after, within the allowed skew', '2030-01-01T10:09:00Z', 'valid'],
    ['after the window and the skew', '2030-01-01T10:11:00Z', 'assertion-expired'],
    ['just before, within the allowed skew', '2030-01-01T09:56:00Z', 'valid'],
    ['before the window and the skew', '2030-01-01T09:50:00Z', 'assertion-not-yet-valid'],
  ])('%s', (_label, now, expected) => {
    expect(outcome(window, at(now))).toBe(expected);
  });

  it('allows five minutes of skew', () => {
    expect(CLOCK_SKEW_MS).toBe(300_000);
  });

  it('accepts an assertion that states no window', () => {
    expect(outcome({}, new Date())).toBe('valid');
  });

  it.each(['tomorrow', 'This-is-invalid-2016-09-10F32:59:39.387Z', '2016-13-45T99:99:99Z'])('names an unreadable time: %s', (value) => {
    expect(outcome({ notOnOrAfter: value }, new Date())).toBe('invalid-time');
  });
});

describe.skipIf(!has(realWorldFixtures))('real-world assertion windows (Google Workspace, saml2aws)', () => {
  const now = at('2017-07-24T10:30:00Z');
  it.each([
    ['aws-google-auth-valid-response.xml', 'valid'],
    ['aws-google-auth-saml-response-no-expire.xml', 'valid'],
    ['aws-google-auth-saml-response-too-late.xml', 'assertion-expired'],
    ['aws-google-auth-saml-response-too-soon.xml', 'assertion-not-yet-valid'],
    ['aws-google-auth-saml-response-expired-before-valid.xml', 'assertion-expired'],
    ['saml2aws-invalid-date-assertion.xml', 'invalid-time'],
  ])('%s is %s', (file, expected) => {
    expect(outcome(readAssertion(readRealWorld(file)), now)).toBe(expected);
  });
});
