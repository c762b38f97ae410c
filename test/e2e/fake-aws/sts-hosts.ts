// The STS hostnames AWS publishes, written out by hand per partition: the stand-in answers at
// these and nowhere else. Deliberately not derived from the extension's own endpoint table (that
// is what is under test): a region the extension builds wrongly, China on the commercial domain
// or a made-up region gets no answer here, as it would get none from AWS.

export type StsPartition = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface StsHost {
  readonly partition: StsPartition;
  /** The region a SigV4 signature for this host is scoped to. */
  readonly region: string;
}

const COMMERCIAL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ap-northeast-1',
  'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1',
  'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2',
  'eu-north-1', 'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
];

/** FIPS 140 endpoints: the four US commercial regions. */
const FIPS_REGIONS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

export const STS_HOSTS: ReadonlyMap<string, StsHost> = new Map<string, StsHost>([
  // The global endpoint, signed for us-east-1.
  ['sts.amazonaws.com', { partition: 'aws', region: 'us-east-1' }],
  ...COMMERCIAL_REGIONS.map((region) => [`sts.${region}.amazonaws.com`, { partition: 'aws', region }] as const),
  ...FIPS_REGIONS.map((region) => [`sts-fips.${region}.amazonaws.com`, { partition: 'aws', region }] as const),
  ['sts.us-gov-west-1.amazonaws.com', { partition: 'aws-us-gov', region: 'us-gov-west-1' }],
  ['sts.us-gov-east-1.amazonaws.com', { partition: 'aws-us-gov', region: 'us-gov-east-1' }],
  ['sts.cn-north-1.amazonaws.com.cn', { partition: 'aws-cn', region: 'cn-north-1' }],
  ['sts.cn-northwest-1.amazonaws.com.cn', { partition: 'aws-cn', region: 'cn-northwest-1' }],
]);

/**
 * What each partition's STS takes as the assertion's Audience and the SubjectConfirmation's
 * Recipient: the partition's audience URN, or one of its sign-in SAML URLs (global or regional,
 * `/saml` or `/saml/acs/<provider-id>`), as IAM's SAML documentation lists them.
 */
const SIGNIN_DOMAIN: Readonly<Record<StsPartition, string>> = {
  aws: 'signin.aws.amazon.com',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
  'aws-cn': 'signin.amazonaws.cn',
};

const AUDIENCE_URN: Readonly<Record<StsPartition, string>> = {
  aws: 'urn:amazon:webservices',
  'aws-us-gov': 'urn:amazon:webservices:govcloud',
  'aws-cn': 'urn:amazon:webservices:cn-north-1',
};

export function isSigninSamlUrl(partition: StsPartition, value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const domain = SIGNIN_DOMAIN[partition];
  const host = url.hostname;
  const regional = host.endsWith(`.${domain}`) && /^[a-z]{2}(-[a-z]+)+-\d$/.test(host.slice(0, -domain.length - 1));
  return url.protocol === 'https:' && url.port === '' && (host === domain || regional) && /^\/saml(\/acs\/[\w-]+)?$/.test(url.pathname);
}

export function acceptsAudience(partition: StsPartition, audience: string): boolean {
  return audience === AUDIENCE_URN[partition] || isSigninSamlUrl(partition, audience);
}

export function audienceUrn(partition: StsPartition): string {
  return AUDIENCE_URN[partition];
}
