// npm run bench: each figure as `bench <name> <value> <unit>` (median of several runs), with a
// line of detail under it. A benchmark, not a test: slow machines print larger numbers. A figure
// that cannot be measured prints `bench <name> failed: <reason>` and the others still run; the
// run exits 0 only if every figure was measured.

import { builtExtension, chromiumBinary, DIST } from '../test/requirements';
import { measureBundle } from './bundle-size';
import { measureLoginToFile } from './login-to-file';
import { measureLoginRoles } from './login-roles';
import { measureWriteProfile } from './write-profile';
import { measureHostColdWrite } from './host-cold-write';
import { failedFigures, figure } from './stats';

const runs = Number(process.env.BENCH_RUNS ?? 15);

/** The browser figures need Chromium and the built extension; say which is missing. */
function assertBrowser(): void {
  const missing = [chromiumBinary, builtExtension].filter((requirement) => !requirement.present());
  if (missing.length > 0) throw new Error(missing.map((requirement) => `${requirement.name} is missing (${requirement.remedy})`).join('; '));
}

await figure('extension-js-gzip', () => measureBundle(DIST));
await figure('write-profile-in-N', () => measureWriteProfile());
await figure('host-cold-write', () => measureHostColdWrite());
await figure('login-to-file-1-role', () => {
  assertBrowser();
  return measureLoginToFile(runs);
});
// 200 roles take seconds a run: fewer runs for the big sizes.
await figure('login-to-file-N-roles', () => {
  assertBrowser();
  return measureLoginRoles([1, 10, 50, 200], (roles) => (roles >= 50 ? Math.max(3, Math.ceil(runs / 3)) : runs));
});

const failed = failedFigures();
if (failed > 0) console.log(`bench: ${failed} figure${failed === 1 ? '' : 's'} failed`);
process.exitCode = failed > 0 ? 1 : 0;
