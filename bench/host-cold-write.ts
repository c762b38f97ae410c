// bench host-cold-write: the host started as Chrome starts it (the installed launcher, the
// caller's origin as argument, the browser's environment), one write-profiles request, the reply
// read. What a login pays for the host when its start does not overlap STS.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_ORIGIN } from '../native-host/protocol';
import { ROOT } from '../test/e2e/browser';
import { writeRequest } from '../test/stress/writers';
import { median, report, spread } from './stats';

function oneWrite(launcher: string, env: NodeJS.ProcessEnv, serial: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(launcher, [EXTENSION_ORIGIN], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      out = Buffer.concat([out, chunk]);
      if (out.length >= 4 && out.length >= 4 + out.readUInt32LE(0)) {
        const elapsed = performance.now() - started;
        const reply = JSON.parse(out.subarray(4).toString()) as { ok: boolean };
        child.stdin.end();
        if (reply.ok) resolve(elapsed);
        else reject(new Error(`the host refused the write: ${out.subarray(4).toString()}`));
      }
    });
    child.on('error', reject);
    child.stdin.write(writeRequest('bench', [`123456789012-Bench${serial % 3}`], serial));
  });
}

export async function measureHostColdWrite(runs = 21): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-bench-host-'));
  try {
    const env = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data') };
    execFileSync(path.join(ROOT, 'install-host.sh'), ['--dir', path.join(home, 'nmh')], { env, stdio: 'pipe' });
    const launcher = path.join(home, 'data', 'stsbridge', 'stsbridge-host');
    const hostEnv = { ...env, AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials') };
    const timings: number[] = [];
    for (let run = 0; run < runs + 2; run += 1) {
      const elapsed = await oneWrite(launcher, hostEnv, run);
      if (run >= 2) timings.push(elapsed);
    }
    report('host-cold-write', median(timings), 'ms', `${spread(timings)} (launcher → node → write → reply)`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
