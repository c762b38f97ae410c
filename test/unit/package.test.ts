// npm run package, checked as a person without a clone would use it: the store zip as the store
// would read it, and the host tarball installed with npm into a temp prefix, registered with
// `stsbridge install`, checked, and uninstalled without a trace.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../requirements';
import { assertHostBuilt } from '../host-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RELEASE = path.join(ROOT, 'build/release');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const STORE_ID = 'abcdefghijklmnopabcdefghijklmnop';

let temp: string;

function filesUnder(folder: string, base = folder): string[] {
  return readdirSync(folder).flatMap((name) => (statSync(path.join(folder, name)).isDirectory() ? filesUnder(path.join(folder, name), base) : [path.relative(base, path.join(folder, name))]));
}

beforeAll(() => {
  assertHostBuilt();
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/package.ts')], { cwd: ROOT, stdio: 'pipe' });
  temp = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-package-'));
}, 60_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the extension zip', () => {
  it("is dist/ as a store takes it: package.json's version, no key, no source maps", () => {
    const zip = unzipSync(readFileSync(path.join(RELEASE, `stsbridge-${version}-chrome.zip`)));
    const manifest = JSON.parse(Buffer.from(zip['manifest.json']!).toString('utf8')) as Record<string, unknown>;
    const built = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(built.key).toEqual(expect.any(String));
    const withoutKey: Record<string, unknown> = { ...built, version };
    delete withoutKey.key;
    expect(manifest).toEqual(withoutKey);
    expect(Object.keys(zip).sort()).toEqual(filesUnder(DIST).filter((file) => !file.endsWith('.map')).sort());
    expect(Object.keys(zip).filter((file) => file.endsWith('.map'))).toEqual([]);
  });
});

describe('the host tarball', () => {
  it('installs with npm, registers with `stsbridge install`, checks, and uninstalls without a trace', () => {
    const prefix = path.join(temp, 'prefix');
    const home = path.join(temp, 'home');
    const hosts = path.join(temp, 'NativeMessagingHosts');
    mkdirSync(home);
    // No dependencies: npm needs no registry for it.
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(RELEASE, `stsbridge-host-${version}.tgz`)], { stdio: 'pipe' });
    const env = { PATH: `${path.join(prefix, 'bin')}:${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: home };
    const stsbridge = (...args: string[]) => {
      const run = spawnSync('stsbridge', args, { env, encoding: 'utf8' });
      return { code: run.status, out: run.stdout + run.stderr };
    };
    expect(stsbridge('--help')).toMatchObject({ code: 0, out: expect.stringContaining('stsbridge install [--extension-id ID]') });

    const installed = stsbridge('install', '--dir', hosts, '--extension-id', STORE_ID);
    expect(installed).toMatchObject({ code: 0, out: expect.stringContaining(`registered dev.stsbridge.host in ${hosts}`) });
    // npm's stsbridge is on PATH already: no second one goes to ~/.local/bin, and no note about PATH.
    expect(installed.out).toContain(`command: ${path.join(prefix, 'bin/stsbridge')} (already on your PATH)`);
    expect(installed.out).not.toContain('is not on your PATH');
    expect(existsSync(path.join(home, '.local/bin/stsbridge'))).toBe(false);
    const launcher = path.join(home, '.local/share/stsbridge/stsbridge-host');
    expect(JSON.parse(readFileSync(path.join(hosts, 'dev.stsbridge.host.json'), 'utf8'))).toMatchObject({ path: launcher, allowed_origins: [`chrome-extension://${STORE_ID}/`] });
    expect(stsbridge('install', '--dir', hosts, '--check')).toEqual({ code: 0, out: expect.stringContaining(`${hosts}: ok (${launcher} answers: version ${version}, protocol`) });

    // The installed copy is a host, not an installer: it says where one is.
    const fromCopy = spawnSync(launcher, ['install'], { env, encoding: 'utf8' });
    expect({ code: fromCopy.status, stderr: fromCopy.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/has no installer beside it. Run `stsbridge install` from the npm package, or \.\/install-host\.sh in a clone\.\n$/) });

    expect(stsbridge('install', '--dir', hosts, '--uninstall').code).toBe(0);
    expect(readdirSync(hosts)).toEqual([]);
    expect(existsSync(path.join(home, '.local/share/stsbridge'))).toBe(false);
    expect(existsSync(path.join(home, '.local/bin/stsbridge'))).toBe(false);
  });
});
