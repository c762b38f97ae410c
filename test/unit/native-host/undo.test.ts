// A change across files, all or nothing (native-host/disk/undo.ts), on real files.

import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileProblem } from '../../../native-host/disk/problem';
import { allOrNothing, removeUndoLeftovers } from '../../../native-host/disk/undo';
import { describeFileError } from '../../../native-host/file-errors';

let dir: string;
const at = (name: string) => path.join(dir, name);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-undo-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces `file` the way an edit does: a new inode renamed over it. */
function replace(file: string, text: string): void {
  writeFileSync(`${file}.new`, text);
  rmSync(file, { force: true });
  linkSync(`${file}.new`, file);
  rmSync(`${file}.new`);
}

describe('a change across files', () => {
  it('that fails puts back every file it replaced, removes the one it made, and leaves no copy', async () => {
    writeFileSync(at('config'), 'config before\n');
    writeFileSync(at('credentials'), 'credentials before\n');
    const failing = allOrNothing([at('cache'), at('config'), at('credentials')], () => {
      writeFileSync(at('cache'), 'made\n');
      replace(at('config'), 'config after\n');
      return Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    });
    await expect(failing).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(at('config'), 'utf8')).toBe('config before\n');
    expect(readFileSync(at('credentials'), 'utf8')).toBe('credentials before\n');
    expect(existsSync(at('cache'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['config', 'credentials']);
  });

  it('that succeeds keeps its files and leaves no copy', async () => {
    writeFileSync(at('config'), 'before\n');
    expect(await allOrNothing([at('config')], () => Promise.resolve(replace(at('config'), 'after\n')))).toBeUndefined();
    expect(readFileSync(at('config'), 'utf8')).toBe('after\n');
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('whose undo fails too says so, naming the file and where its earlier version is, and keeps that version', async () => {
    writeFileSync(at('config'), 'before\n');
    const failing = allOrNothing([at('config')], () => {
      // Something no rename can go over: a folder with a file in it.
      rmSync(at('config'));
      mkdirSync(at('config'));
      writeFileSync(at('config/inside'), '');
      return Promise.reject(new Error('disk full'));
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileProblem);
    expect(error).toMatchObject({ kind: 'undo-failed', path: at('config') });
    expect(describeFileError(error, at('credentials'))[1]).toBe(`stsbridge could not finish a change to ${at('config')}, nor put it back; its earlier version is beside it as .config.stsbridge-undo-…. Rename that over it to undo the change.`);
    const kept = readdirSync(dir).filter((name) => name.startsWith('.config.stsbridge-undo-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(at(kept[0]!), 'utf8')).toBe('before\n');
    // And the next change does not take it for a leftover.
    removeUndoLeftovers([at('config')]);
    expect(existsSync(at(kept[0]!))).toBe(true);
  });

  it("removes a killed change's copy only where it is the file itself", () => {
    writeFileSync(at('config'), 'now\n');
    const redundant = at('.config.stsbridge-undo-aaaaaaaaaaaaaaaaaaaaaaaa');
    const earlier = at('.config.stsbridge-undo-bbbbbbbbbbbbbbbbbbbbbbbb');
    linkSync(at('config'), redundant);
    writeFileSync(earlier, 'an earlier version\n');
    removeUndoLeftovers([at('config')]);
    expect(existsSync(redundant)).toBe(false);
    expect(readFileSync(earlier, 'utf8')).toBe('an earlier version\n');
  });
});
