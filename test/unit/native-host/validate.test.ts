import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../native-host/validate';
import { isInstant } from '../../../native-host/instant';

describe('isInstant', () => {
  it.each(['2030-01-01T00:00:00Z', '2028-02-29T23:59:59Z', '2030-06-30T12:34:56.123456789+05:30', '1970-01-01T00:00:00-12:00'])('accepts %s', (text) => {
    expect(isInstant(text)).toBe(true);
  });

  it.each([
    '2030-02-31T00:00:00Z', // no such day
    '2029-02-29T00:00:00Z', // not a leap year
    '2030-04-31T00:00:00Z',
    '2030-13-01T00:00:00Z',
    '2030-00-10T00:00:00Z',
    '2030-01-00T00:00:00Z',
    '2030-01-01T24:00:00Z',
    '2030-01-01T23:60:00Z',
    '2030-01-01T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '2030-01-01T00:00:00+24:00',
    '2030-01-01T00:00:00', // no zone
    '2030-01-01 00:00:00Z',
  ])('refuses %s', (text) => {
    expect(isInstant(text)).toBe(false);
  });
});

describe('validateRequest', () => {
  it.each([
    [{ type: 'ping', dryRun: true }, '"ping" takes no field "dryRun"'],
    [{ type: 'status', x: 1 }, '"status" takes no field "x"'],
    [{ type: 'write-profiles', profiles: [], dryRun: true }, '"write-profiles" takes no field "dryRun"'],
    [{ type: 'remove-profiles', names: ['a'], all: true }, '"remove-profiles" takes no field "all"'],
  ])('refuses fields the protocol does not define: %j', (request, problem) => {
    expect(validateRequest(request)).toEqual({ ok: false, unknownType: false, problem });
  });
});

describe("a write's source (protocol 6)", () => {
  const profile = { name: 'p', accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secretsecretsecretsecret', sessionToken: 'tokentokentokentoken', expiration: '2030-01-01T00:00:00Z' };
  const write = (source: unknown) => validateRequest({ type: 'write-profiles', profiles: [profile], source });

  it('is taken with an IdP and how the login came about, or how alone', () => {
    expect(write({ idp: 'http://www.okta.com/exk1', how: 'silent' })).toMatchObject({ ok: true, request: { source: { idp: 'http://www.okta.com/exk1', how: 'silent' } } });
    expect(write({ how: 'console' })).toMatchObject({ ok: true, request: { source: { how: 'console' } } });
  });

  it.each([
    [{ how: 'sometimes' }, 'source.how must be one of console, silent, command'],
    [{ how: 'console', idp: 'http://idp/\n[default]' }, 'source.idp must be 1 to 512 printable ASCII characters'],
    [{ how: 'console', idp: 'https://idp.exämple/' }, 'source.idp must be 1 to 512 printable ASCII characters'],
    [{ how: 'console', idp: ' leading-space' }, 'source.idp must be 1 to 512 printable ASCII characters'],
    [{ how: 'console', idp: 'x'.repeat(513) }, 'source.idp must be 1 to 512 printable ASCII characters'],
    [{ how: 'console', when: 'now' }, '"source" has an unknown field "when"'],
    ['console', '"source" must be an object'],
  ])('refuses %j: it would go into the file', (source, problem) => {
    expect(write(source)).toEqual({ ok: false, unknownType: false, problem });
  });
});

describe("a refresh result's expiry (protocol 5)", () => {
  const result = (expiration: string) => validateRequest({ type: 'refresh-result', request: 'refresh-1', results: [{ profile: 'p', state: 'refreshed', expiration }] });

  it('is an instant, checked as a write checks one', () => {
    expect(result('2030-01-01T00:00:00Z')).toMatchObject({ ok: true });
  });

  it.each(['2030-02-31T00:00:00Z', 'Tue, 01 Jan 2030 00:00:00 GMT', '2030-01-01', '1 January 2030'])('refuses %j, which Date.parse would take', (expiration) => {
    expect(result(expiration)).toEqual({ ok: false, unknownType: false, problem: 'results[0].expiration must be an ISO 8601 time' });
  });
});

describe('profile names', () => {
  it.each(['-h', '--help', '--wait'])('refuses %j, which a command would read as an option', (name) => {
    expect(validateRequest({ type: 'remove-profiles', names: [name] })).toMatchObject({ ok: false, problem: expect.stringContaining('cannot start with "-"') });
  });
});
