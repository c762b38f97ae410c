// The guard every test of the built host starts with (test/host-process.ts): a build older than
// its sources fails the suite instead of passing against old code.

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProblem } from '../host-process';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-build-'));
  mkdirSync(path.join(dir, 'src/deep'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (file: string, seconds: number) => {
  writeFileSync(file, '');
  utimesSync(file, seconds, seconds);
};

describe('the built host', () => {
  it('passes when newer than every source', () => {
    at(path.join(dir, 'src/deep/a.ts'), 1000);
    at(path.join(dir, 'bundle.cjs'), 2000);
    expect(buildProblem(path.join(dir, 'bundle.cjs'), [path.join(dir, 'src')])).toBeUndefined();
  });

  it('fails when a source, however deep, changed after the build', () => {
    at(path.join(dir, 'bundle.cjs'), 2000);
    at(path.join(dir, 'src/deep/a.ts'), 3000);
    expect(buildProblem(path.join(dir, 'bundle.cjs'), [path.join(dir, 'src')])).toMatch(/bundle\.cjs is older than .*a\.ts$/);
  });

  it('fails when there is no build', () => {
    expect(buildProblem(path.join(dir, 'bundle.cjs'), [path.join(dir, 'src')])).toMatch(/bundle\.cjs is missing$/);
  });
});
