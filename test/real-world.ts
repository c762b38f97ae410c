// The real-world fixtures live beside the project (../shared/fixtures/real-world/), never inside
// it. Suites that read them ask `has(realWorldFixtures)` first (see requirements.ts).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REAL_WORLD_DIR } from './requirements';

export function readRealWorld(name: string): string {
  return readFileSync(path.join(REAL_WORLD_DIR, name), 'utf8');
}
