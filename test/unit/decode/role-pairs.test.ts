import { describe, expect, it } from 'vitest';
import { readRolePairs } from '../../../extension/decode/role-pairs';

const role = 'arn:aws:iam::123456789012:role/Admin';
const provider = 'arn:aws:iam::123456789012:saml-provider/Okta';

describe('readRolePairs', () => {
  it.each([
    ['role first', `${role},${provider}`],
    ['provider first', `${provider},${role}`],
    ['padded with whitespace and newlines', `\n   ${role} ,\n\t${provider}  \n`],
    ['with a trailing comma', `${role},${provider},`],
  ])('%s', (_label, value) => {
    expect(readRolePairs([value])).toEqual({
      roles: [{ roleArn: role, principalArn: provider, partition: 'aws', accountId: '123456789012', roleName: 'Admin' }],
      invalidValues: [],
    });
  });

  it('reads several pairs joined in one value (Okta array attributes)', () => {
    const other = 'arn:aws:iam::210987654321:role/Dev';
    const otherProvider = 'arn:aws:iam::210987654321:saml-provider/Okta';
    const { roles } = readRolePairs([`${role},${provider},${otherProvider},${other}`]);
    expect(roles.map((pair) => pair.roleArn)).toEqual([role, other]);
  });

  it('takes the last path segment as the role name', () => {
    const { roles } = readRolePairs([`arn:aws:iam::123456789012:role/team/ops/Deployer,${provider}`]);
    expect(roles[0]!.roleName).toBe('Deployer');
  });

  it.each([
    ['aws-us-gov', 'arn:aws-us-gov:iam::123456789012:role/Gov,arn:aws-us-gov:iam::123456789012:saml-provider/Idp'],
    ['aws-cn', 'arn:aws-cn:iam::123456789012:role/Cn,arn:aws-cn:iam::123456789012:saml-provider/Idp'],
    ['aws-iso', 'arn:aws-iso:iam::123456789012:role/Iso,arn:aws-iso:iam::123456789012:saml-provider/Idp'],
    ['aws-iso-b', 'arn:aws-iso-b:iam::123456789012:role/IsoB,arn:aws-iso-b:iam::123456789012:saml-provider/Idp'],
  ])('reads the %s partition', (partition, value) => {
    expect(readRolePairs([value]).roles[0]!.partition).toBe(partition);
  });

  it('removes duplicates and keeps the first order', () => {
    const other = `arn:aws:iam::123456789012:role/B,${provider}`;
    const { roles } = readRolePairs([other, `${role},${provider}`, `${provider},${role}`]);
    expect(roles.map((pair) => pair.roleName)).toEqual(['B', 'Admin']);
  });

  it.each([
    ['two roles', `${role},${role}`],
    ['a role alone', role],
    ['accounts that differ', `${role},arn:aws:iam::999999999999:saml-provider/Okta`],
    ['partitions that differ', `${role},arn:aws-cn:iam::123456789012:saml-provider/Okta`],
    ['a short account id', 'arn:aws:iam::1234:role/A,arn:aws:iam::1234:saml-provider/B'],
    ['an unknown partition', 'arn:aws-xx:iam::123456789012:role/A,arn:aws-xx:iam::123456789012:saml-provider/B'],
    ['an injected newline in the role name', `arn:aws:iam::123456789012:role/A\n[evil],${provider}`],
  ])('reports a value with %s as invalid', (_label, value) => {
    expect(readRolePairs([value])).toEqual({ roles: [], invalidValues: [value.trim()] });
  });
});
