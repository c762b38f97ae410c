// Shell lines that hand credentials to the AWS CLI and SDKs through the environment, in exactly
// the formats of `aws configure export-credentials --format env|powershell|windows-cmd`, and
// fish's equivalent (`set -gx`), which that command does not offer.

import type { ProfileCredentials } from './protocol';

export const SHELL_FORMATS = ['env', 'fish', 'powershell', 'windows-cmd'] as const;
export type ShellFormat = (typeof SHELL_FORMATS)[number];

/** The AWS CLI prints the expiry as Python's isoformat: `2030-01-01T01:00:00+00:00`. */
function cliExpiration(expiration: string): string {
  const time = Date.parse(expiration);
  return Number.isNaN(time) ? expiration : new Date(time).toISOString().replace(/\.000Z$/, '+00:00').replace(/Z$/, '+00:00');
}

function line(format: ShellFormat, name: string, value: string): string {
  switch (format) {
    case 'env':
      return `export ${name}=${posix(value)}`;
    case 'fish':
      return `set -gx ${name} ${posix(value)}`;
    case 'powershell':
      // Inside double quotes PowerShell expands $ and treats ` as its escape character.
      return `$Env:${name}="${value.replace(/[`"$]/g, (char) => `\`${char}`)}"`;
    case 'windows-cmd':
      // cmd has no quoting for `set`; ^ escapes its operators.
      return `set ${name}=${value.replace(/[\^&|<>%]/g, (char) => `^${char}`)}`;
  }
}

/**
 * Keys, secrets, tokens, ISO times and profile names are made of characters no POSIX shell or
 * fish interprets, and the AWS CLI prints them unquoted; anything else is single-quoted.
 */
function posix(value: string): string {
  return /^[A-Za-z0-9_+=,.@/:-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function exportLines(profile: ProfileCredentials, format: ShellFormat): string {
  return [
    line(format, 'AWS_ACCESS_KEY_ID', profile.accessKeyId),
    line(format, 'AWS_SECRET_ACCESS_KEY', profile.secretAccessKey),
    line(format, 'AWS_SESSION_TOKEN', profile.sessionToken),
    line(format, 'AWS_CREDENTIAL_EXPIRATION', cliExpiration(profile.expiration)),
  ].join('\n');
}

/** The one line that points the AWS tools at a profile in the credentials file. */
export function profileLine(profile: string, format: ShellFormat): string {
  return line(format, 'AWS_PROFILE', profile);
}
