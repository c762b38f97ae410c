// Two hosts write the same file 1,000 times each while a reader watches it; then the same with
// the AWS CLI's `aws configure set`, which takes no lock, writing in between. Each writer adds
// new sections at the end of the file, so the final order of sections records how the writes
// interleaved: the tests assert that they did, not only that nothing was lost.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { parse } from 'ini';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertHostBuilt } from '../host-process';
import { AWS_CLI, awsCli, has } from '../requirements';
import { credentialsFor, startHost, strayFiles, writeRequest } from './writers';

const WRITES_PER_HOST = 1000;
const PREAMBLE = '# my credentials\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

let dir: string;
let file: string;
beforeAll(assertHostBuilt);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-stress-'));
  file = path.join(dir, 'credentials');
  writeFileSync(file, PREAMBLE, { mode: 0o600 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Section names in file order. */
function sectionOrder(text: string): string[] {
  return [...text.matchAll(/^\[([^\]\r\n]+)\]/gm)].map((match) => match[1]!);
}

/** How many times consecutive sections switch from one writer's prefix to the other's. */
function switches(names: readonly string[], prefixes: readonly [string, string]): number {
  const owners = names.map((name) => prefixes.findIndex((prefix) => name.startsWith(prefix))).filter((owner) => owner >= 0);
  return owners.filter((owner, i) => i > 0 && owner !== owners[i - 1]).length;
}

/** Each host writes its own profiles, one per request: a lost update shows as a missing profile. */
function manyWrites(prefix: string): Buffer {
  return Buffer.concat(Array.from({ length: WRITES_PER_HOST }, (_, i) => writeRequest(`${prefix}${i}`, [`${prefix}${i}`], i)));
}

describe('two hosts writing the same file', () => {
  it('lose no update, and the file always parses whole', async () => {
    const hosts = [startHost(file, manyWrites('a-')), startHost(file, manyWrites('b-'))];
    let done = false;
    const all = Promise.all(hosts.map((host) => host.exited)).finally(() => (done = true));
    let reads = 0;
    let lastCount = 0;
    const countsSeen = new Set<number>();
    while (!done) {
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(PREAMBLE)).toBe(true);
      const parsed = parse(text) as Record<string, Record<string, string>>;
      const profiles = Object.keys(parsed).filter((name) => name !== 'default');
      for (const name of profiles) expect(Object.keys(parsed[name]!), `profile ${name} is partial`).toHaveLength(4);
      expect(profiles.length).toBeGreaterThanOrEqual(lastCount);
      lastCount = profiles.length;
      countsSeen.add(profiles.length);
      reads += 1;
      await sleep(2);
    }
    expect(await all).toEqual([0, 0]);
    for (const host of hosts) {
      expect(host.replies).toHaveLength(WRITES_PER_HOST);
      expect(host.replies.filter((reply) => !reply.ok)).toEqual([]);
    }
    const final = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    for (const prefix of ['a-', 'b-']) {
      for (let i = 0; i < WRITES_PER_HOST; i += 1) {
        expect(final[`${prefix}${i}`]?.aws_access_key_id, `${prefix}${i}`).toBe(credentialsFor(`${prefix}${i}`, i).accessKeyId);
      }
    }
    expect(strayFiles(file)).toEqual([]);
    // The two really wrote at the same time, and the reader really read between writes: one
    // host finishing before the other started would give a single switch, and a reader that only
    // ran before and after, two counts.
    const interleaved = switches(sectionOrder(readFileSync(file, 'utf8')), ['a-', 'b-']);
    console.log(`concurrent writers: ${2 * WRITES_PER_HOST} writes, switching between hosts ${interleaved} times; ${reads} reads of the file in between (${countsSeen.size} different profile counts seen), none partial`);
    expect(interleaved).toBeGreaterThanOrEqual(20);
    expect(countsSeen.size).toBeGreaterThanOrEqual(10);
  }, 180_000);
});

describe.skipIf(!has(awsCli))('a host and `aws configure set` (no lock) writing the same file', () => {
  it('keeps every update the AWS CLI made', async () => {
    const host = startHost(file, manyWrites('h-'));
    let done = false;
    const exited = host.exited.finally(() => (done = true));
    const cliProfiles: string[] = [];
    const env = { PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: path.join(dir, 'config') };
    while (!done) {
      const name = `cli-${cliProfiles.length}`;
      await promisify(execFile)(AWS_CLI, ['configure', 'set', 'aws_access_key_id', `AKIACLI${String(cliProfiles.length).padStart(13, '0')}`, '--profile', name], { env });
      cliProfiles.push(name);
    }
    expect(await exited).toBe(0);
    expect(host.replies.filter((reply) => !reply.ok)).toEqual([]);
    const final = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    const survived = cliProfiles.filter((name, i) => final[name]?.aws_access_key_id === `AKIACLI${String(i).padStart(13, '0')}`);
    const hostKept = Array.from({ length: WRITES_PER_HOST }, (_, i) => final[`h-${i}`]?.aws_access_key_id === credentialsFor(`h-${i}`, i).accessKeyId).filter(Boolean).length;
    // CLI sections with host sections written both before and after them: writes that landed
    // while the host was at work, not before it started or after it finished.
    const order = sectionOrder(readFileSync(file, 'utf8'));
    const firstHost = order.findIndex((name) => name.startsWith('h-'));
    const lastHost = order.findLastIndex((name) => name.startsWith('h-'));
    const interleaved = order.filter((name, i) => name.startsWith('cli-') && i > firstHost && i < lastHost).length;
    console.log(`unlocked writer: ${survived.length} of ${cliProfiles.length} aws configure set updates survived, ${interleaved} of them between the host's writes; the host's ${hostKept} of ${WRITES_PER_HOST} too`);
    expect(survived).toEqual(cliProfiles);
    expect(hostKept).toBe(WRITES_PER_HOST);
    expect(interleaved).toBeGreaterThanOrEqual(3);
    expect(existsSync(file)).toBe(true);
  }, 300_000);
});
