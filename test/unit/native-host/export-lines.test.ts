import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLines, profileLine } from '../../../native-host/export-lines';
import { AWS_CLI, awsCli, has } from '../../requirements';

// A secret and a token with +, / and =, as real ones have.
const profile = {
  name: '123456789012-Admin',
  accessKeyId: 'ASIAEXAMPLE0000000AB',
  secretAccessKey: 'wJal+rXUtn/FEMI=K7MDENG/bPxRfiCYEXAMPLE',
  sessionToken: 'IQoJb3+Jp/Z2lu=X2VjEA==',
  expiration: '2030-01-01T01:00:00Z',
};

describe('exportLines', () => {
  it.each([
    ['env', 'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE0000000AB\nexport AWS_SECRET_ACCESS_KEY=wJal+rXUtn/FEMI=K7MDENG/bPxRfiCYEXAMPLE\nexport AWS_SESSION_TOKEN=IQoJb3+Jp/Z2lu=X2VjEA==\nexport AWS_CREDENTIAL_EXPIRATION=2030-01-01T01:00:00+00:00'],
    ['fish', 'set -gx AWS_ACCESS_KEY_ID ASIAEXAMPLE0000000AB\nset -gx AWS_SECRET_ACCESS_KEY wJal+rXUtn/FEMI=K7MDENG/bPxRfiCYEXAMPLE\nset -gx AWS_SESSION_TOKEN IQoJb3+Jp/Z2lu=X2VjEA==\nset -gx AWS_CREDENTIAL_EXPIRATION 2030-01-01T01:00:00+00:00'],
    ['powershell', '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLE0000000AB"\n$Env:AWS_SECRET_ACCESS_KEY="wJal+rXUtn/FEMI=K7MDENG/bPxRfiCYEXAMPLE"\n$Env:AWS_SESSION_TOKEN="IQoJb3+Jp/Z2lu=X2VjEA=="\n$Env:AWS_CREDENTIAL_EXPIRATION="2030-01-01T01:00:00+00:00"'],
    ['windows-cmd', 'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE0000000AB\nset AWS_SECRET_ACCESS_KEY=wJal+rXUtn/FEMI=K7MDENG/bPxRfiCYEXAMPLE\nset AWS_SESSION_TOKEN=IQoJb3+Jp/Z2lu=X2VjEA==\nset AWS_CREDENTIAL_EXPIRATION=2030-01-01T01:00:00+00:00'],
  ] as const)('%s', (format, expected) => {
    expect(exportLines(profile, format)).toBe(expected);
  });

  it('points at a profile', () => {
    expect(profileLine('team/ops@prod', 'env')).toBe('export AWS_PROFILE=team/ops@prod');
    expect(profileLine('team/ops@prod', 'powershell')).toBe('$Env:AWS_PROFILE="team/ops@prod"');
  });

  it('quotes what a shell would interpret', () => {
    const odd = { ...profile, sessionToken: `a'b $c "d" \`e% &f` };
    expect(exportLines(odd, 'env')).toContain(`export AWS_SESSION_TOKEN='a'\\''b $c "d" \`e% &f'`);
    expect(exportLines(odd, 'powershell')).toContain('$Env:AWS_SESSION_TOKEN="a\'b `$c `"d`" ``e% &f"');
    expect(exportLines(odd, 'windows-cmd')).toContain('set AWS_SESSION_TOKEN=a\'b $c "d" `e^% ^&f');
  });
});

describe.skipIf(!has(awsCli))('exportLines against `aws configure export-credentials` (Debian awscli)', () => {
  it.each(['env', 'powershell', 'windows-cmd'] as const)('%s is what the AWS CLI prints', (format) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-awsref-'));
    try {
      // A credential_process profile is how the CLI is given an expiry to print.
      const process_ = path.join(dir, 'process.sh');
      writeFileSync(process_, `#!/bin/sh\necho '${JSON.stringify({ Version: 1, AccessKeyId: profile.accessKeyId, SecretAccessKey: profile.secretAccessKey, SessionToken: profile.sessionToken, Expiration: profile.expiration })}'\n`);
      chmodSync(process_, 0o755);
      writeFileSync(path.join(dir, 'config'), `[profile ref]\ncredential_process = ${process_}\n`);
      const printed = execFileSync(AWS_CLI, ['configure', 'export-credentials', '--profile', 'ref', '--format', format], {
        env: { PATH: process.env.PATH, HOME: dir, AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') },
        encoding: 'utf8',
      });
      expect(exportLines(profile, format)).toBe(printed.trimEnd());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
