// A throwaway self-signed certificate for the stand-in, made at test time with openssl and never
// committed. Chromium is started with --ignore-certificate-errors, so only its presence matters.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

let cached: TlsMaterial | undefined;

export function selfSignedCertificate(): TlsMaterial {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=stsbridge fake AWS',
      '-addext', 'subjectAltName=DNS:signin.aws.amazon.com,DNS:*.signin.aws.amazon.com,DNS:*.amazonaws.com,DNS:idp.example.test,DNS:oidc.example.test',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cached = {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
