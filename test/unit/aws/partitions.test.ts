import { describe, expect, it } from 'vitest';
import { allStsHosts, parseSigninUrl, PARTITIONS, resolveStsEndpoint } from '../../../extension/aws/partitions';

describe('parseSigninUrl', () => {
  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws', 'us-east-1'],
    ['https://signin.aws.amazon.com/saml/', 'aws', 'us-east-1'],
    ['https://eu-west-1.signin.aws.amazon.com/saml', 'aws', 'eu-west-1'],
    ['https://signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46', 'aws', 'us-east-1'],
    ['https://ap-southeast-2.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46', 'aws', 'ap-southeast-2'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-west-1'],
    ['https://us-gov-east-1.signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-east-1'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn', 'cn-north-1'],
    ['https://cn-northwest-1.signin.amazonaws.cn/saml', 'aws-cn', 'cn-northwest-1'],
    ['https://SIGNIN.AWS.AMAZON.COM/saml', 'aws', 'us-east-1'],
  ])('%s', (url, partition, region) => {
    expect(parseSigninUrl(url)).toEqual({ partition, region });
  });

  it.each([
    'http://signin.aws.amazon.com/saml',
    'https://signin.aws.amazon.com:8443/saml',
    'https://signin.aws.amazon.com/samlfoo',
    'https://signin.aws.amazon.com/saml/acs/',
    'https://signin.aws.amazon.com/oauth',
    'https://evil.example/saml',
    'https://signin.aws.amazon.com.evil.example/saml',
    'https://not-a-region.signin.aws.amazon.com/saml',
    'https://a.b.signin.aws.amazon.com/saml',
    'not a url',
  ])('ignores %s', (url) => {
    expect(parseSigninUrl(url)).toBeUndefined();
  });
});

describe('resolveStsEndpoint', () => {
  it.each([
    [{ partition: 'aws', region: 'us-east-1' }, 'aws', 'https://sts.us-east-1.amazonaws.com'],
    [{ partition: 'aws', region: 'eu-west-1' }, 'aws', 'https://sts.eu-west-1.amazonaws.com'],
    [{ partition: 'aws-us-gov', region: 'us-gov-west-1' }, 'aws-us-gov', 'https://sts.us-gov-west-1.amazonaws.com'],
    [{ partition: 'aws-cn', region: 'cn-north-1' }, 'aws-cn', 'https://sts.cn-north-1.amazonaws.com.cn'],
    [{ partition: 'aws-cn', region: 'cn-northwest-1' }, 'aws-cn', 'https://sts.cn-northwest-1.amazonaws.com.cn'],
    [{ partition: 'aws', region: 'us-east-1' }, 'aws-iso', 'https://sts.us-iso-east-1.c2s.ic.gov'],
    [{ partition: 'aws', region: 'us-east-1' }, 'aws-iso-b', 'https://sts.us-isob-east-1.sc2s.sgov.gov'],
    // A role in another partition than the sign-in host: that partition's default region.
    [{ partition: 'aws', region: 'eu-west-1' }, 'aws-us-gov', 'https://sts.us-gov-west-1.amazonaws.com'],
    // A region the table does not know yet: the partition default, which serves every account.
    [{ partition: 'aws', region: 'xx-future-9' }, 'aws', 'https://sts.us-east-1.amazonaws.com'],
  ] as const)('%o with a role in %s → %s', (signin, rolePartition, url) => {
    expect(resolveStsEndpoint(signin, rolePartition).url).toBe(url);
  });

  it('keeps the region it resolves to in the endpoint', () => {
    for (const [partition, info] of Object.entries(PARTITIONS)) {
      for (const region of info.regions) {
        const endpoint = resolveStsEndpoint({ partition: partition as keyof typeof PARTITIONS, region }, partition as keyof typeof PARTITIONS);
        expect(endpoint.region).toBe(region);
        expect(new URL(endpoint.url).hostname).toBe(`sts.${region}.${info.stsDomain}`);
      }
    }
  });

  it('lists every STS host once', () => {
    const hosts = allStsHosts();
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts).toContain('sts.us-gov-west-1.amazonaws.com');
    expect(hosts).toContain('sts.cn-north-1.amazonaws.com.cn');
  });
});
