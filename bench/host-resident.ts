// bench host-resident-rss and host-idle-cpu: what the resident host costs while it waits, read
// from /proc for the host process of a browser that has just served logins.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserSession } from '../test/e2e/browser';
import { frame, socketOf, startHost } from '../test/host-process';
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

/**
 * bench host-socket-flood-rss: a host as Chrome runs it, and one client on its local socket that
 * sends 10 MB of pings and reads no reply. The host must stop reading (backpressure) instead of
 * buffering replies without end: its RSS afterwards, and the ratio to its idle RSS.
 */
export async function measureSocketFlood(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-bench-flood-'));
  mkdirSync(path.join(dir, 'runtime'), { mode: 0o700 });
  const live = startHost({ env: { AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), XDG_RUNTIME_DIR: path.join(dir, 'runtime') } });
  try {
    const socket = await socketOf(live);
    await sleep(500);
    const idle = rssMb(live.child.pid!);
    const client = connect(socket);
    await new Promise((resolve) => client.on('connect', resolve));
    const ping = frame({ type: 'ping' });
    const burst = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / ping.length) }, () => ping));
    for (let sent = 0; sent < 10; sent += 1) client.write(burst);
    await sleep(3000);
    const flooded = rssMb(live.child.pid!);
    client.destroy();
    report('host-socket-flood-rss', flooded, 'MB', `after 10 MB of pings from a client that reads no reply; idle ${idle.toFixed(1)} MB`);
    report('host-socket-flood-vs-idle', flooded / idle, 'ratio', 'host-socket-flood-rss over the same host idle; goal: at most 1.5');
  } finally {
    await live.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
