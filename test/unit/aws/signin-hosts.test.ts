// Every sign-in endpoint on AWS's "AWS Sign-In endpoints and quotas" page, written out by hand
// (not derived from the code's table), with the STS endpoint a login through it must reach.

import { describe, expect, it } from 'vitest';
import { parseSigninUrl, resolveStsEndpoint, type Partition } from '../../../extension/aws/partitions';

const commercial = [
  'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-2', 'ap-southeast-3',
  'ap-southeast-5', 'ap-southeast-4', 'ap-south-1', 'ap-southeast-6', 'ap-northeast-3', 'ap-northeast-2', 'ap-southeast-1',
  'ap-southeast-2', 'ap-southeast-7', 'ap-northeast-1', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-west-1',
  'eu-west-2', 'eu-south-1', 'eu-west-3', 'eu-south-2', 'eu-north-1', 'eu-central-2', 'il-central-1', 'mx-central-1',
  'me-south-1', 'me-central-1', 'sa-east-1',
];

const table: [signinHost: string, partition: Partition, stsHost: string][] = [
  ['signin.aws.amazon.com', 'aws', 'sts.us-east-1.amazonaws.com'],
  ...commercial.map((region): [string, Partition, string] => [`${region}.signin.aws.amazon.com`, 'aws', `sts.${region}.amazonaws.com`]),
  ['signin.amazonaws-us-gov.com', 'aws-us-gov', 'sts.us-gov-west-1.amazonaws.com'],
  ['us-gov-west-1.signin.amazonaws-us-gov.com', 'aws-us-gov', 'sts.us-gov-west-1.amazonaws.com'],
  ['us-gov-east-1.signin.amazonaws-us-gov.com', 'aws-us-gov', 'sts.us-gov-east-1.amazonaws.com'],
  ['signin.amazonaws.cn', 'aws-cn', 'sts.cn-north-1.amazonaws.com.cn'],
  ['cn-north-1.signin.amazonaws.cn', 'aws-cn', 'sts.cn-north-1.amazonaws.com.cn'],
  ['cn-northwest-1.signin.amazonaws.cn', 'aws-cn', 'sts.cn-northwest-1.amazonaws.com.cn'],
];

describe('every AWS sign-in host', () => {
  it.each(table)('%s → %s → %s', (signinHost, partition, stsHost) => {
    for (const path of ['/saml', '/saml/acs/SAMLSP4SHN3UIS2D558H46']) {
      const signin = parseSigninUrl(`https://${signinHost}${path}`);
      expect(signin?.partition).toBe(partition);
      expect(new URL(resolveStsEndpoint(signin!, partition).url).hostname).toBe(stsHost);
    }
  });
});
