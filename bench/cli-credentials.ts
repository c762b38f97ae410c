// bench cli-credentials-cached: `stsbridge credentials PROFILE` when the credentials in the file
// are fresh, as an AWS SDK runs it through credential_process, beside `node -e 0` measured in the
// same run: the command's own cost is the difference. (aws-sso-cli takes about a second from its
// cache: its #226.)

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_BUNDLE, frame, runHost } from '../test/host-process';
import { median, report, spread } from './stats';

function time(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr.toString().trim()}`);
  return elapsed;
}

export async function measureCliCredentials(runs = 31): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-bench-cli-'));
  try {
    const env = { PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), XDG_RUNTIME_DIR: path.join(dir, 'runtime') };
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const profile = { name: '123456789012-Bench', accessKeyId: 'ASIABENCHBENCHBENCH1', secretAccessKey: 'bench/secret+BENCHSECRET000000000001', sessionToken: 'IQoJb3JpZ2luBENCHTOKEN==', expiration };
    const { replies } = await runHost(frame({ type: 'write-profiles', profiles: [profile] }), { env });
    if (!replies[0]?.ok) throw new Error('the host did not write the bench profile');
    execFileSync(process.execPath, [HOST_BUNDLE, 'credentials', profile.name], { env });
    const baseline: number[] = [];
    const command: number[] = [];
    // Interleaved, so that a machine's drift during the run touches both alike.
    for (let run = 0; run < runs + 2; run += 1) {
      const node = time(['-e', '0'], env);
      const cli = time([HOST_BUNDLE, 'credentials', profile.name], env);
      if (run >= 2) {
        baseline.push(node);
        command.push(cli);
      }
    }
    report('cli-credentials-cached', median(command), 'ms', `${spread(command)} (fresh credentials; credential_process JSON on stdout)`);
    report('node-e-0', median(baseline), 'ms', `${spread(baseline)} (the same machine, the same run)`);
    report('cli-credentials-cached-vs-node', median(command) / median(baseline), 'ratio', 'goal: at most 1.5');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
