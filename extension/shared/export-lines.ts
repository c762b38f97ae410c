// Shell lines that hand credentials to the AWS CLI and SDKs through the environment, in the
// format of `aws configure export-credentials --format env`.

import type { ProfileCredentials } from '../../native-host/protocol';

export function envExportLines(profile: ProfileCredentials): string {
  // STS keys, secrets and tokens are base64 (A-Z a-z 0-9 + / =): nothing a POSIX shell
  // interprets, so they need no quoting, exactly as the AWS CLI prints them.
  return [
    `export AWS_ACCESS_KEY_ID=${profile.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${profile.secretAccessKey}`,
    `export AWS_SESSION_TOKEN=${profile.sessionToken}`,
    `export AWS_CREDENTIAL_EXPIRATION=${profile.expiration}`,
  ].join('\n');
}
