// npm run bench: each figure as `bench <name> <value> <unit>` (median of several runs), with a
// line of detail under it. A benchmark, not a test: slow machines print larger numbers.

import path from 'node:path';
import { chromiumAvailable, DIST } from '../test/e2e/browser';
import { measureBundle } from './bundle-size';
import { measureLoginToFile } from './login-to-file';
import { measureLoginRoles } from './login-roles';
import { measureWriteProfile } from './write-profile';
import { measureHostColdWrite } from './host-cold-write';

const runs = Number(process.env.BENCH_RUNS ?? 15);

measureBundle(DIST);
await measureWriteProfile();
await measureHostColdWrite();
if (chromiumAvailable()) {
  await measureLoginToFile(runs);
  // 200 roles take seconds a run: fewer runs for the big sizes.
  await measureLoginRoles([1, 10, 50, 200], (roles) => (roles >= 50 ? Math.max(3, Math.ceil(runs / 3)) : runs));
} else {
  console.warn(`skipping browser figures: ${path.relative(process.cwd(), DIST)} or Chromium is missing`);
}
