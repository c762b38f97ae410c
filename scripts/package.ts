// npm run package: what a person installs without a clone, in build/release/.
//
// - stsbridge-<version>-chrome.zip: dist/ for the Chrome Web Store and Edge Add-ons. The store
//   gives the extension its own ID, so the manifest's `key` (which pins the unpacked ID) goes;
//   the version is package.json's; source maps stay out unless the build made them on purpose
//   (STSBRIDGE_SOURCEMAPS=1 npm run package).
// - stsbridge-host-<version>.tgz: an npm package (made by `npm pack`) with the built host, which
//   is also the `stsbridge` command, and the installer:
//     npm install -g ./stsbridge-host-<version>.tgz && stsbridge install --extension-id <store ID>

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const HOST = path.join(ROOT, 'build/native-host/stsbridge-host.cjs');
const RELEASE = path.join(ROOT, 'build/release');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string; description: string; engines: { node: string } };
const keepMaps = process.env.STSBRIDGE_SOURCEMAPS === '1';

function filesUnder(folder: string, base = folder): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file, base) : [path.relative(base, file)];
  });
}

/** dist/ as a store upload: no `key`, package.json's version, no maps unless asked for. */
function extensionZip(): string {
  const manifest = JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.key;
  manifest.version = pkg.version;
  const entries: Record<string, Uint8Array> = {};
  for (const file of filesUnder(DIST).sort()) {
    if (file === 'manifest.json' || (!keepMaps && file.endsWith('.map'))) continue;
    let bytes: Uint8Array = readFileSync(path.join(DIST, file));
    // A reference to a map that is not shipped would only make the browser ask for it.
    if (!keepMaps && file.endsWith('.js')) bytes = Buffer.from(bytes.toString().replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    entries[file] = bytes;
  }
  entries['manifest.json'] = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const out = path.join(RELEASE, `stsbridge-${pkg.version}-chrome.zip`);
  // A fixed time for every entry: the same build gives the same zip.
  writeFileSync(out, zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime: new Date('2020-01-01T00:00:00Z') }]])), { level: 9 }));
  return out;
}

/** The host as an npm package: its program doubles as the `stsbridge` command's bin. */
function hostTarball(): string {
  const stage = path.join(ROOT, 'build/package-host');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'build/native-host'), { recursive: true });
  // The installer finds the program where a clone has it, so the same script serves both.
  copyFileSync(HOST, path.join(stage, 'build/native-host/stsbridge-host.cjs'));
  chmodSync(path.join(stage, 'build/native-host/stsbridge-host.cjs'), 0o755);
  copyFileSync(path.join(ROOT, 'install-host.sh'), path.join(stage, 'install-host.sh'));
  chmodSync(path.join(stage, 'install-host.sh'), 0o755);
  writeFileSync(
    path.join(stage, 'package.json'),
    `${JSON.stringify(
      {
        name: 'stsbridge-host',
        version: pkg.version,
        description: `${pkg.description} The native host and the stsbridge command.`,
        license: pkg.license,
        engines: pkg.engines,
        bin: { stsbridge: 'build/native-host/stsbridge-host.cjs' },
        files: ['build/native-host/stsbridge-host.cjs', 'install-host.sh', 'README.md'],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    path.join(stage, 'README.md'),
    [
      '# stsbridge-host',
      '',
      "The native host of the stsbridge browser extension, and the `stsbridge` command. After",
      '`npm install -g ./stsbridge-host-<version>.tgz`, register it with every browser found:',
      '',
      '    stsbridge install                        # for the unpacked extension',
      '    stsbridge install --extension-id <ID>    # for a copy from a store (repeatable)',
      '',
      'It takes what ./install-host.sh takes: --check, --uninstall, --system, --dir, --bin-dir.',
      '',
    ].join('\n'),
  );
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', RELEASE], { cwd: stage, encoding: 'utf8' }).trim().split('\n').at(-1)!;
  rmSync(stage, { recursive: true, force: true });
  return path.join(RELEASE, name);
}

rmSync(RELEASE, { recursive: true, force: true });
mkdirSync(RELEASE, { recursive: true });
for (const made of [extensionZip(), hostTarball()]) console.log(`${path.relative(ROOT, made)} (${(statSync(made).size / 1024).toFixed(1)} KB)`);
