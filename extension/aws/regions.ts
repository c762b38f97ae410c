// What an AWS region name looks like. Sign-in hosts carry one (`eu-west-1.signin.aws.amazon.com`),
// the options let a person type one, and the host checks the one it writes to the config file:
// all three use this pattern.

/**
 * An AWS region name (`eu-west-1`, `us-gov-west-1`, `us-isob-east-1`), at most 32 characters (the
 * longest today has 14).
 */
export const REGION_PATTERN = /^(?=.{1,32}$)[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
