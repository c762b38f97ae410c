// Generated assertions in every shape IdPs use are read back to exactly the roles put in.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAssertion } from '../../../extension/decode/decode-assertion';
import type { Partition } from '../../../extension/aws/partitions';

interface GeneratedRole {
  partition: Partition;
  accountId: string;
  path: string;
  roleName: string;
  providerName: string;
  providerFirst: boolean;
}

// IAM's name characters, less ',' which AWS itself splits Role values on.
const nameChar = fc.constantFrom(...'abcXYZ019_+=.@-'.split(''));
const name = (max: number) => fc.string({ unit: nameChar, minLength: 1, maxLength: max });
const role: fc.Arbitrary<GeneratedRole> = fc.record({
  partition: fc.constantFrom<Partition>('aws', 'aws-us-gov', 'aws-cn', 'aws-iso', 'aws-iso-b'),
  accountId: fc.stringMatching(/^\d{12}$/),
  path: fc.constantFrom('', 'team/', 'a/b/c/'),
  roleName: name(64),
  providerName: name(32),
  providerFirst: fc.boolean(),
});
const padding = fc.constantFrom('', ' ', '\n    ', '\t', '\r\n  ');

const roleArn = (r: GeneratedRole) => `arn:${r.partition}:iam::${r.accountId}:role/${r.path}${r.roleName}`;
const providerArn = (r: GeneratedRole) => `arn:${r.partition}:iam::${r.accountId}:saml-provider/${r.providerName}`;

interface NamespaceStyle {
  kind: 'prefixed' | 'default' | 'none';
  protocol: string;
  assertion: string;
}

/** Namespace styles seen from real IdPs, plus arbitrary prefixes. */
const style: fc.Arbitrary<NamespaceStyle> = fc.oneof(
  fc.record({ kind: fc.constant('prefixed' as const), protocol: fc.constantFrom('samlp', 'saml2p', 'p'), assertion: fc.constantFrom('saml', 'saml2', 'a', 'ns0') }),
  fc.constant({ kind: 'default' as const, protocol: 'samlp', assertion: '' }),
  fc.constant({ kind: 'none' as const, protocol: '', assertion: '' }),
);

function buildXml(values: string[], s: NamespaceStyle): string {
  const p = s.protocol && s.kind !== 'none' ? `${s.protocol}:` : '';
  const a = s.assertion ? `${s.assertion}:` : '';
  const protocolNs = s.kind === 'none' ? '' : ` xmlns:${s.protocol}="urn:oasis:names:tc:SAML:2.0:protocol"`;
  const assertionNs =
    s.kind === 'none' ? '' : s.kind === 'default' ? ' xmlns="urn:oasis:names:tc:SAML:2.0:assertion"' : ` xmlns:${s.assertion}="urn:oasis:names:tc:SAML:2.0:assertion"`;
  const attributeValues = values.map((value) => `<${a}AttributeValue>${value}</${a}AttributeValue>`).join('\n');
  return `<${p}Response${protocolNs}><${a}Assertion${assertionNs}><${a}AttributeStatement>
<${a}Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">${attributeValues}</${a}Attribute>
</${a}AttributeStatement></${a}Assertion></${p}Response>`;
}

describe('readAssertion on generated assertions', () => {
  it('reads back exactly the roles put in, whatever the shape', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(role, padding, padding, fc.boolean()), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        style,
        (entries, perValue, namespaces) => {
          // Each value joins up to `perValue` pairs, as Okta's array attributes do.
          const values: string[] = [];
          for (let i = 0; i < entries.length; i += perValue) {
            const pairs = entries.slice(i, i + perValue).map(([r, before, after]) => {
              const [first, second] = r.providerFirst ? [providerArn(r), roleArn(r)] : [roleArn(r), providerArn(r)];
              return `${before}${first}${after},${before}${second}${after}`;
            });
            values.push(pairs.join(',') + (entries[i]![3] ? ',' : ''));
          }
          const seen = new Set<string>();
          const expected = entries
            .map(([r]) => ({ roleArn: roleArn(r), principalArn: providerArn(r), partition: r.partition, accountId: r.accountId, roleName: r.roleName }))
            .filter((pair) => !seen.has(`${pair.roleArn} ${pair.principalArn}`) && seen.add(`${pair.roleArn} ${pair.principalArn}`));
          const assertion = readAssertion(buildXml(values, namespaces));
          expect(assertion.invalidRoleValues).toEqual([]);
          expect(assertion.roles).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
