// bench host-resident-rss and host-idle-cpu: what the resident host costs while it waits, read
// from /proc for the host process of a browser that has just served logins.

import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserSession } from '../test/e2e/browser';
import { report } from './stats';

/** The one resident host of `browser`; fails when there is none, or several. */
function residentPid(browser: BrowserSession): number {
  const pids = browser.hostPids();
  if (pids.length !== 1) throw new Error(`expected one resident host, found ${pids.length}`);
  return pids[0]!;
}

/** Resident set size in MB (VmRSS). */
function rssMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** User plus system CPU time, in seconds. */
function cpuSeconds(pid: number, ticksPerSecond: number): number {
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function measureResidentRss(browser: BrowserSession): void {
  const pid = residentPid(browser);
  report('host-resident-rss', rssMb(pid), 'MB', `process ${pid}, after serving the logins above`);
}

export async function measureIdleCpu(browser: BrowserSession, seconds: number): Promise<void> {
  const pid = residentPid(browser);
  const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const before = cpuSeconds(pid, ticks);
  await sleep(seconds * 1000);
  if (residentPid(browser) !== pid) throw new Error('the resident host changed while idle');
  report('host-idle-cpu', cpuSeconds(pid, ticks) - before, 's', `CPU seconds over ${seconds} idle seconds (clock ticks of 1/${ticks} s)`);
}
