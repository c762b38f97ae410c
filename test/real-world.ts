// The real-world fixtures live beside the project (../shared/fixtures/real-world/), never inside
// it. Tests that read them skip, with a message saying so, where that folder is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REAL_WORLD_DIR = path.resolve(import.meta.dirname, '../../shared/fixtures/real-world');
export const realWorldAvailable = existsSync(REAL_WORLD_DIR);

if (!realWorldAvailable) {
  console.warn(`skipping real-world fixture tests: ${REAL_WORLD_DIR} is absent (a fresh clone without shared/)`);
}

export function realWorldFiles(pattern: RegExp): string[] {
  return realWorldAvailable ? readdirSync(REAL_WORLD_DIR).filter((name) => pattern.test(name)).sort() : [];
}

export function readRealWorld(name: string): string {
  return readFileSync(path.join(REAL_WORLD_DIR, name), 'utf8');
}
