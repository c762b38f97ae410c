// What `npm run package` makes, used with no clone: the store zip unpacked and loaded into real
// Chromium, the host tarball installed with npm into a temp prefix and registered with
// `stsbridge install --extension-id` for the ID Chromium gives the zip, and a login whose
// credentials land in the file.
//
// Without its `key`, an unpacked extension's ID is derived from its folder's path (the first 32
// hex digits of the path's SHA-256, each digit d written as the letter 'a' + d): computed here,
// as a store's ID would be read off its listing. Nothing is added back to the zip.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { expectReadBack } from './aws-clients';
import { e2eReady, launchBrowser, ROOT, type BrowserSession } from './browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from './fake-aws/server';

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The ID Chromium gives an unpacked extension without a `key`. */
function idForPath(folder: string): string {
  const hex = createHash('sha256').update(folder).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

describe.skipIf(!e2eReady())('the packaged extension and host, with no clone', () => {
  let temp: string;
  let fake: FakeAws;
  let browser: BrowserSession;
  let id: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/package.ts')], { cwd: ROOT, stdio: 'pipe' });
    temp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'stsbridge-packaged-')));
    const dir = path.join(temp, 'extension');
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(path.join(ROOT, `build/release/stsbridge-${version}-chrome.zip`))))) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    id = idForPath(dir);
    const prefix = path.join(temp, 'prefix');
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(ROOT, `build/release/stsbridge-host-${version}.tgz`)], { stdio: 'pipe' });
    fake = await startFakeAws();
    browser = await launchBrowser(fake, {
      extension: { dir, id },
      installHost: (hostsFolder, home) =>
        execFileSync(path.join(prefix, 'bin/stsbridge'), ['install', '--dir', hostsFolder, '--extension-id', id], {
          env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, XDG_DATA_HOME: path.join(home, 'data') },
          stdio: 'pipe',
        }),
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('runs under the ID Chromium gives it, and its logins land in the credentials file through the host the tarball installed', async () => {
    expect(id).not.toBe('fcbnhbgmfinjpmnedlfoofbogopdmfie');
    expect(new URL(browser.extensionPage.url()).host).toBe(id);
    const role: TestRole = { accountId: '121212121212', roleName: 'Packaged' };
    const record = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)] }), stsHost: GLOBAL_STS }));
    expect(record).toMatchObject({ state: 'done', results: [{ profile: '121212121212-Packaged', state: 'written' }] });
    const issued = fake.stsCalls.at(-1)!.credentials!;
    await expectReadBack(browser.credentialsFile, '121212121212-Packaged', issued);
  });
});
