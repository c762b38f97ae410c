import { describe, expect, it } from 'vitest';
import { decodeAssertion, decodeSamlResponse, MAX_ASSERTION_BYTES, readAssertion } from '../../../extension/decode/decode-assertion';
import { DecodeError } from '../../../extension/decode/decode-error';
import { encryptedSamlResponseXml, providerArn, roleArn, roleValue, samlResponse, samlResponseXml, toBase64 } from '../../fixtures/saml';
import { readRealWorld } from '../../real-world';
import { has, realWorldFixtures } from '../../requirements';

const admin = { accountId: '111122223333', roleName: 'Admin' };
const reader = { accountId: '444455556666', roleName: 'ReadOnly', providerFirst: true };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return (error as DecodeError).code;
  }
  throw new Error('expected a DecodeError');
}

describe('decodeAssertion', () => {
  it.each(['prefixed', 'default-namespace'] as const)('reads roles and attributes (%s namespaces)', (style) => {
    const notOnOrAfter = new Date('2030-01-01T00:05:00Z');
    const assertion = decodeAssertion(
      samlResponse({
        style,
        roleValues: [roleValue(admin), roleValue(reader)],
        sessionDuration: 28800,
        roleSessionName: 'jane@example.com',
        notOnOrAfter,
      }),
    );
    expect(assertion.roles).toEqual([
      { roleArn: roleArn(admin), principalArn: providerArn(admin), partition: 'aws', accountId: admin.accountId, roleName: 'Admin' },
      { roleArn: roleArn(reader), principalArn: providerArn(reader), partition: 'aws', accountId: reader.accountId, roleName: 'ReadOnly' },
    ]);
    expect(assertion.sessionDuration).toBe(28800);
    expect(assertion.roleSessionName).toBe('jane@example.com');
    expect(assertion.notOnOrAfter).toBe(notOnOrAfter.toISOString());
    expect(assertion.destination).toBe('https://signin.aws.amazon.com/saml');
  });

  it('accepts base64 wrapped over several lines, as some IdPs send it', () => {
    const wrapped = samlResponse({ roleValues: [roleValue(admin)] }).replace(/(.{76})/g, '$1\r\n');
    expect(decodeAssertion(wrapped).roles).toHaveLength(1);
  });

  it('reads the validity window and the recipient', () => {
    const notBefore = new Date('2030-01-01T00:00:00Z');
    const notOnOrAfter = new Date('2030-01-01T00:05:00Z');
    const assertion = decodeAssertion(
      samlResponse({ roleValues: [roleValue(admin)], notBefore, notOnOrAfter, destination: 'https://eu-west-1.signin.aws.amazon.com/saml' }),
    );
    expect(assertion).toMatchObject({
      notBefore: notBefore.toISOString(),
      notOnOrAfter: notOnOrAfter.toISOString(),
      recipient: 'https://eu-west-1.signin.aws.amazon.com/saml',
      encrypted: false,
    });
  });

  it.each([
    ['899', undefined, '899'],
    ['900', 900, undefined],
    ['43200', 43200, undefined],
    ['43201', undefined, '43201'],
    ['8h', undefined, '8h'],
  ])('reads SessionDuration %s as in or out of range', (value, sessionDuration, invalid) => {
    const xml = samlResponseXml({ roleValues: [roleValue(admin)], sessionDuration: 1 }).replace('>1<', `>${value}<`);
    const assertion = readAssertion(xml);
    expect(assertion.sessionDuration).toBe(sessionDuration);
    expect(assertion.invalidSessionDuration).toBe(invalid);
  });

  it('recognises an encrypted assertion, whose roles only AWS can read', () => {
    expect(readAssertion(encryptedSamlResponseXml())).toEqual({
      roles: [],
      invalidRoleValues: [],
      encrypted: true,
      destination: 'https://signin.aws.amazon.com/saml',
      issuer: 'https://idp.example.test/saml',
    });
  });

  it("names the identity provider by the Response's Issuer, else the assertion's", () => {
    const xml = samlResponseXml({ roleValues: [roleValue(admin)] });
    expect(readAssertion(xml).issuer).toBe('https://idp.example.test/saml');
    const assertionOnly = xml.replace(/<saml2:Issuer xmlns:saml2="[^"]+">[^<]*<\/saml2:Issuer>/, '').replace('<saml2:Issuer>https://idp.example.test/saml', '<saml2:Issuer> urn:idp:assertion-level ');
    expect(readAssertion(assertionOnly).issuer).toBe('urn:idp:assertion-level');
  });

  it('leaves out attributes the assertion does not carry', () => {
    const assertion = decodeAssertion(samlResponse({ roleValues: [roleValue(admin)] }));
    expect(assertion).not.toHaveProperty('sessionDuration');
  });

  it('ignores an element named like a SAML one in a foreign declared namespace', () => {
    const xml = samlResponseXml({ roleValues: [roleValue(admin)] }).replace(
      '<saml2:AttributeStatement>',
      '<saml2:AttributeStatement><x:Attribute xmlns:x="urn:example:other" Name="https://aws.amazon.com/SAML/Attributes/Role"><x:AttributeValue>arn:aws:iam::999999999999:role/Evil,arn:aws:iam::999999999999:saml-provider/Evil</x:AttributeValue></x:Attribute>',
    );
    expect(readAssertion(xml).roles.map((role) => role.accountId)).toEqual([admin.accountId]);
  });
});

describe('hostile or broken input gets a named error', () => {
  it.each([
    ['not base64 at all', 'this is not base64!', 'not-base64'],
    ['empty', '', 'not-base64'],
    ['base64 of plain text', toBase64('hello, not xml'), 'not-xml'],
    ['base64 of unbalanced XML', toBase64('<samlp:Response><a></samlp:Response>'), 'not-xml'],
    ['base64 of non-UTF-8 bytes', Buffer.from([0xff, 0xfe, 0xfd, 0x00]).toString('base64'), 'not-xml'],
    ['XML that is not a SAML Response', toBase64('<html><body>hi</body></html>'), 'not-saml'],
  ])('%s', (_label, input, code) => {
    expect(codeOf(() => decodeAssertion(input))).toBe(code);
  });

  it('refuses a DOCTYPE (entity expansion, external entities)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>${samlResponseXml({ roleValues: [roleValue(admin)] }).replace(/^<\?xml[^>]*\?>/, '')}`;
    expect(codeOf(() => decodeAssertion(toBase64(bomb)))).toBe('doctype-refused');
  });

  it('refuses more than 1 MiB before decoding it', () => {
    const big = 'A'.repeat(Math.ceil((MAX_ASSERTION_BYTES * 4) / 3) + 8);
    expect(codeOf(() => decodeSamlResponse(big))).toBe('too-large');
  });

  it('refuses elements nested absurdly deep without overflowing the stack', () => {
    const deep = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</samlp:Response>`;
    expect(codeOf(() => decodeAssertion(toBase64(deep)))).toBe('not-xml');
  });

  it('names a missing Role attribute', () => {
    const xml = samlResponseXml({ roleValues: [roleValue(admin)] }).replace(/https:\/\/aws\.amazon\.com\/SAML\/Attributes\/Role"/, 'urn:other"');
    const error = (() => {
      try {
        readAssertion(xml);
      } catch (caught) {
        return caught as DecodeError;
      }
      throw new Error('expected an error');
    })();
    expect(error.code).toBe('no-role-attribute');
    expect(error.message).toContain('https://aws.amazon.com/SAML/Attributes/Role');
  });

  it('names a Role attribute with no valid pair, quoting the value', () => {
    const xml = samlResponseXml({ roleValues: ['arn:aws:iam::123:role/too-short-account'] });
    expect(() => readAssertion(xml)).toThrow(/role\/too-short-account/);
  });

  it('reports invalid values next to valid ones instead of dropping them silently', () => {
    const assertion = readAssertion(samlResponseXml({ roleValues: [roleValue(admin), 'garbage'] }));
    expect(assertion.roles).toHaveLength(1);
    expect(assertion.invalidRoleValues).toEqual(['garbage']);
  });
});

describe.skipIf(!has(realWorldFixtures))('real-world assertions (../shared/fixtures/real-world)', () => {
  const expectations: [file: string, roles: number, first: string, extra: Record<string, unknown>][] = [
    ['saml2aws-adfs-assertion.xml', 2, 'arn:aws:iam::123123123123:role/AWS-Admin-CloudOPSBuild', { sessionDuration: 28800, issuer: 'http://id.example.com/adfs/services/trust' }],
    ['saml2aws-pingfed-assertion.xml', 5, 'arn:aws:iam::456456456456:role/admin', { issuer: 'id:example:com:au:saml2' }],
    ['saml2aws-no-destination-assertion.xml', 2, 'arn:aws:iam::123123123123:role/AWS-Admin-CloudOPSBuild', { destination: undefined }],
    [
      'saml2aws-entra-id-response.xml',
      2,
      'arn:aws:iam::012345678901:role/example_role',
      { roleSessionName: 'exampleuser@exampledomain.com', issuer: 'https://sts.windows.net/25f4519b-eca5-405d-b516-123af862c268/' },
    ],
    ['aws-google-auth-valid-response.xml', 3, 'arn:aws:iam::123456789012:role/admin', { sessionDuration: 28800, issuer: 'https://accounts.google.com/o/saml2?idpid=abcd12345' }],
    ['aws-google-auth-too-many-commas.xml', 3, 'arn:aws:iam::123456789012:role/admin', {}],
  ];
  it.each(expectations)('%s', (file, count, first, extra) => {
    const assertion = readAssertion(readRealWorld(file));
    expect(assertion.roles).toHaveLength(count);
    expect(assertion.roles[0]!.roleArn).toBe(first);
    expect(assertion.invalidRoleValues).toEqual([]);
    for (const [key, value] of Object.entries(extra)) expect(assertion[key as keyof typeof assertion]).toEqual(value);
  });

  it('saml2aws-notxml.xml is refused as not XML', () => {
    expect(codeOf(() => readAssertion(readRealWorld('saml2aws-notxml.xml')))).toBe('not-xml');
  });
});
