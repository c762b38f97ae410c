// bench write-profile-in-N: one profile updated in a credentials file of N profiles, through the
// host's real write path (lock, read, splice, temp file, fsync, rename, the late-writer check).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { upsertProfiles } from '../native-host/ini/edit';
import { writeProfilesToFile } from '../native-host/profiles';
import { LATE_WRITE_GRACE_MS } from '../native-host/disk/replace';
import { median, report } from './stats';

function profileText(i: number): string {
  const id = String(i).padStart(12, '0');
  return `# account ${id}\n[${id}-Role]\naws_access_key_id = ASIA${id}ABCD\naws_secret_access_key = ${'s'.repeat(40)}\naws_session_token = ${'t'.repeat(400)}\nx_security_token_expires = 2030-01-01T00:00:00Z\nregion = eu-west-1\n\n`;
}

export async function measureWriteProfile(sizes = [10, 100, 1000, 10_000]): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-bench-'));
  try {
    for (const size of sizes) {
      const file = path.join(dir, `credentials-${size}`);
      writeFileSync(file, Array.from({ length: size }, (_, i) => profileText(i)).join(''), { mode: 0o600 });
      const target = String(Math.floor(size / 2)).padStart(12, '0');
      const runs = size >= 10_000 ? 15 : 31;
      const whole: number[] = [];
      const splice: number[] = [];
      for (let run = 0; run < runs + 2; run += 1) {
        const profile = { name: `${target}-Role`, accessKeyId: `ASIA${String(run).padStart(16, '0')}`, secretAccessKey: 'n'.repeat(40), sessionToken: 'u'.repeat(400), expiration: '2031-01-01T00:00:00Z' };
        // A login is one write per host process; back-to-back writes in one process pay the
        // lock's fairness pause (one poll interval), which no login ever does.
        await new Promise((resolve) => setTimeout(resolve, 20));
        const started = performance.now();
        await writeProfilesToFile(file, [profile]);
        const elapsed = performance.now() - started;
        const text = Array.from({ length: size }, (_, i) => profileText(i)).join('');
        const spliceStarted = performance.now();
        upsertProfiles(text, [profile]);
        if (run >= 2) {
          whole.push(elapsed);
          splice.push(performance.now() - spliceStarted);
        }
      }
      const bytes = (size * profileText(0).length) / 1024;
      report(`write-profile-in-${size}`, median(whole), 'ms', `file of ${bytes.toFixed(0)} KB; splicing alone ${median(splice).toFixed(2)} ms; includes the ${LATE_WRITE_GRACE_MS} ms late-writer check`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
