// AWS's partitions: the sign-in endpoints we watch, and the STS endpoint that redeems an
// assertion from each. One table, so the manifest (generated from it at build time), the capture
// filter, ARN parsing and the STS call agree.

import { REGION_PATTERN } from './regions';

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn' | 'aws-iso' | 'aws-iso-b';

interface PartitionInfo {
  /**
   * Host of the global (un-prefixed) sign-in endpoint; regional ones are `<region>.<host>`.
   * The isolated partitions publish none: their roles are recognised by ARN only.
   */
  readonly signinHost?: string;
  /** Region whose STS endpoint serves the un-prefixed sign-in host. */
  readonly defaultRegion: string;
  /** STS endpoints are `sts.<region>.<stsDomain>`. */
  readonly stsDomain: string;
  /** Regions with a regional STS endpoint we hold a host permission for (see manifest.json). */
  readonly regions: readonly string[];
}

// Regions are listed rather than matched by pattern because each STS host needs its own host
// permission: a `*.amazonaws.com` grant would let the extension read every S3 bucket and API the
// user can reach, which no one should accept from a credentials tool.
export const PARTITIONS: Readonly<Record<Partition, PartitionInfo>> = {
  aws: {
    signinHost: 'signin.aws.amazon.com',
    defaultRegion: 'us-east-1',
    stsDomain: 'amazonaws.com',
    regions: [
      'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
      'af-south-1',
      'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
      'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4',
      'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
      'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
      'ca-central-1', 'ca-west-1',
      'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
      'eu-south-1', 'eu-south-2', 'eu-north-1',
      'il-central-1', 'me-south-1', 'me-central-1', 'mx-central-1', 'sa-east-1',
    ],
  },
  'aws-us-gov': {
    signinHost: 'signin.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
    stsDomain: 'amazonaws.com',
    regions: ['us-gov-west-1', 'us-gov-east-1'],
  },
  'aws-cn': {
    signinHost: 'signin.amazonaws.cn',
    defaultRegion: 'cn-north-1',
    stsDomain: 'amazonaws.com.cn',
    regions: ['cn-north-1', 'cn-northwest-1'],
  },
  'aws-iso': {
    defaultRegion: 'us-iso-east-1',
    stsDomain: 'c2s.ic.gov',
    regions: ['us-iso-east-1', 'us-iso-west-1'],
  },
  'aws-iso-b': {
    defaultRegion: 'us-isob-east-1',
    stsDomain: 'sc2s.sgov.gov',
    regions: ['us-isob-east-1'],
  },
};

/** Partitions whose sign-in endpoints the extension watches. */
export const SIGNIN_HOSTS: readonly { partition: Partition; host: string }[] = (
  Object.entries(PARTITIONS) as [Partition, PartitionInfo][]
).flatMap(([partition, info]) => (info.signinHost ? [{ partition, host: info.signinHost }] : []));

export interface SigninEndpoint {
  readonly partition: Partition;
  /** The region named by a regional sign-in host, or the partition's default one. */
  readonly region: string;
}

export interface StsEndpoint {
  readonly region: string;
  readonly url: string;
}

const SAML_PATH = /^\/saml(?:\/acs\/[A-Za-z0-9_-]+)?\/?$/;

/** Whether `hostname` is an AWS sign-in host, global or regional, in any partition. */
export function isSigninHost(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return SIGNIN_HOSTS.some(({ host }) => name === host || name.endsWith(`.${host}`));
}

/**
 * The sign-in endpoint a URL posts to, or undefined when it is not an AWS SAML sign-in URL:
 * `/saml` or `/saml/acs/<provider-id>` on a global or regional sign-in host of any partition.
 */
export function parseSigninUrl(url: string): SigninEndpoint | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '' || !SAML_PATH.test(parsed.pathname)) {
    return undefined;
  }
  const hostname = parsed.hostname.toLowerCase();
  for (const { partition, host } of SIGNIN_HOSTS) {
    if (hostname === host) return { partition, region: PARTITIONS[partition].defaultRegion };
    const suffix = `.${host}`;
    if (hostname.endsWith(suffix)) {
      const region = hostname.slice(0, -suffix.length);
      if (REGION_PATTERN.test(region)) return { partition, region };
    }
  }
  return undefined;
}

/**
 * The STS endpoint that redeems an assertion posted to `signin` for a role in `rolePartition`.
 * A regional sign-in keeps its region (the assertion was issued for it); a role in another
 * partition than the sign-in host, or a region we hold no permission for, falls back to the
 * role partition's default region, which serves every account in it.
 */
export function resolveStsEndpoint(signin: SigninEndpoint, rolePartition: Partition): StsEndpoint {
  const info = PARTITIONS[rolePartition];
  const region =
    signin.partition === rolePartition && info.regions.includes(signin.region)
      ? signin.region
      : info.defaultRegion;
  return { region, url: `https://sts.${region}.${info.stsDomain}` };
}

/** Every partition's name, in the table's order. */
export const PARTITION_NAMES = Object.keys(PARTITIONS) as Partition[];

/** Every STS host the extension may call: the manifest grants exactly these. */
export function allStsHosts(): string[] {
  return Object.values(PARTITIONS).flatMap((info) =>
    info.regions.map((region) => `sts.${region}.${info.stsDomain}`),
  );
}
