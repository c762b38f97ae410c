// The host and the command under what a black-box probe, an attacker or an unlucky machine gives
// them: a FIFO or a link where a file should be, a damaged cache, a full disk in the middle of a
// move, another user's socket folder, a client that never reads, names that look like options.
// Each case failed before it was fixed (issue 25); each runs the built program as it is run.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../native-host/protocol';
import { assertHostBuilt, frame, HOST_BUNDLE, runHost, socketOf, startHost, type LiveHost } from '../../host-process';
import { ensureSecondUser, has, rootForMounts, rootForSecondUser, SECOND_USER } from '../../requirements';

const P = '123456789012-Admin';
const keys = (tag: string, expiration = '2030-01-01T01:00:00Z') => ({
  accessKeyId: `ASIAFAULTS${tag.padEnd(10, '0')}`,
  secretAccessKey: `faults/secret+${tag}`.padEnd(40, 'S'),
  sessionToken: `IQoJb3JpZ2luX2VjFAULTS${tag}+/==`,
  expiration,
});
const PERSONAL = '[personal]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

let dir: string;
let hosts: LiveHost[];
const files = () => ({ credentials: path.join(dir, 'credentials'), config: path.join(dir, 'config'), cache: path.join(dir, 'stsbridge', 'credentials'), runtime: path.join(dir, 'runtime') });
const env = () => ({ PATH: process.env.PATH, HOME: dir, AWS_SHARED_CREDENTIALS_FILE: files().credentials, AWS_CONFIG_FILE: files().config, XDG_RUNTIME_DIR: files().runtime });

/** The command as an AWS tool runs it; bounded, so a command that would hang fails the test instead. */
function stsbridge(...args: string[]) {
  const result = spawnSync(process.execPath, [HOST_BUNDLE, ...args], { env: env(), encoding: 'utf8', timeout: 15_000 });
  if (result.error) throw new Error(`stsbridge ${args.join(' ')} did not finish: ${result.error.message}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function signIn(profiles: { name: string }[]) {
  const { replies } = await runHost(frame({ type: 'write-profiles', profiles }), { env: env() });
  return replies[0]!;
}

function liveHost(): LiveHost {
  const live = startHost({ env: env() });
  hosts.push(live);
  return live;
}

/** Resolves with the reply, or rejects after `ms`: a host that stopped answering fails here. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

beforeAll(assertHostBuilt);
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-faults-'));
  mkdirSync(files().runtime, { mode: 0o700 });
  hosts = [];
  writeFileSync(files().credentials, PERSONAL, { mode: 0o600 });
  expect(await signIn([{ name: P, ...keys('FIRST') }, { name: 'file-mode', ...keys('FILE') }])).toMatchObject({ ok: true });
});
afterEach(async () => {
  await Promise.all(hosts.map((live) => live.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a FIFO where a file should be', () => {
  it('at the credentials file: the command and the host say so at once, and the host goes on answering', async () => {
    rmSync(files().credentials);
    execFileSync('mkfifo', [files().credentials]);
    const command = stsbridge('credentials', P);
    expect(command.code).toBe(1);
    expect(command.stderr).toContain(`${files().credentials} could not be read`);
    const live = liveHost();
    const write = await within(10_000, live.ask({ type: 'write-profiles', profiles: [{ name: P, ...keys('SECOND') }] }), 'a write');
    expect(write).toMatchObject({ ok: false, code: ErrorCode.fileReadFailed, message: expect.stringContaining(`${files().credentials} is not a regular file`) });
    expect(await within(10_000, live.ask({ type: 'ping' }), 'a ping after it')).toMatchObject({ ok: true, type: 'ping' });
    expect(lstatSync(files().credentials).isFIFO()).toBe(true);
  });

  it("at stsbridge's cache: file-mode profiles are served, and a sign-in puts a cache in its place", async () => {
    expect(stsbridge('setup', P).code).toBe(0);
    rmSync(files().cache);
    execFileSync('mkfifo', [files().cache]);
    expect(JSON.parse(stsbridge('credentials', 'file-mode').stdout)).toMatchObject({ AccessKeyId: keys('FILE').accessKeyId });
    const reply = await signIn([{ name: P, ...keys('SECOND') }]);
    expect(reply).toMatchObject({ ok: true, notes: [expect.stringContaining(`${files().cache} was not a file`)] });
    expect(JSON.parse(stsbridge('credentials', P).stdout)).toMatchObject({ AccessKeyId: keys('SECOND').accessKeyId });
  });
});

describe("stsbridge's cache", () => {
  it('is never followed through a link: the file it points to stays as it was', async () => {
    expect(stsbridge('setup', P).code).toBe(0);
    const elsewhere = path.join(dir, 'someone-elses-file');
    writeFileSync(elsewhere, 'not stsbridge\'s, and not to be overwritten\n');
    rmSync(files().cache);
    symlinkSync(elsewhere, files().cache);
    const read = stsbridge('credentials', P, '--wait', '1');
    expect(read.code).toBe(1);
    expect(read.stderr).toContain(`${files().cache} is a symbolic link, not stsbridge's cache`);
    const reply = await signIn([{ name: P, ...keys('SECOND') }]);
    expect(reply).toMatchObject({ ok: true, notes: [expect.stringContaining(`${files().cache} was a symbolic link`)] });
    expect(readFileSync(elsewhere, 'utf8')).toBe('not stsbridge\'s, and not to be overwritten\n');
    expect(lstatSync(files().cache).isFile()).toBe(true);
    expect(JSON.parse(stsbridge('credentials', P).stdout)).toMatchObject({ AccessKeyId: keys('SECOND').accessKeyId });
  });

  it('in UTF-16 blocks no sign-in, of either mode, and is written anew', async () => {
    expect(stsbridge('setup', P).code).toBe(0);
    writeFileSync(files().cache, Buffer.from(`\ufeff${readFileSync(files().cache, 'utf8')}`, 'utf16le'));
    expect(await signIn([{ name: 'file-mode', ...keys('FILE2') }])).toMatchObject({ ok: true, profiles: ['file-mode'] });
    expect(await signIn([{ name: P, ...keys('SECOND') }])).toMatchObject({ ok: true, profiles: [P], notes: [expect.stringContaining('was damaged; it was written anew')] });
    expect(JSON.parse(stsbridge('credentials', P).stdout)).toMatchObject({ AccessKeyId: keys('SECOND').accessKeyId });
  });

  it('when damaged, does not stop credentials and env for profiles in the credentials file', () => {
    expect(stsbridge('setup', P).code).toBe(0);
    writeFileSync(files().cache, '\x00\x01garbage\n[[[\n');
    expect(JSON.parse(stsbridge('credentials', 'file-mode').stdout)).toMatchObject({ AccessKeyId: keys('FILE').accessKeyId, SessionToken: keys('FILE').sessionToken });
    expect(stsbridge('env', 'file-mode')).toMatchObject({ code: 0, stdout: expect.stringContaining(`export AWS_ACCESS_KEY_ID=${keys('FILE').accessKeyId}`) });
  });
});

describe('stsbridge setup', () => {
  it('refuses a profile with two sections, rather than check only the first', () => {
    writeFileSync(files().credentials, `${readFileSync(files().credentials, 'utf8')}\n[${P}]\naws_access_key_id = AKIASOMEONEELSE00001\naws_secret_access_key = someone/else+secret00000000000000000000\n`);
    const before = readFileSync(files().credentials, 'utf8');
    const setup = stsbridge('setup', P);
    expect(setup.code).toBe(1);
    expect(setup.stderr).toMatch(new RegExp(`${P} has 2 sections in .*credentials \\(lines \\d+, \\d+\\), and AWS tools disagree on which one counts`));
    expect(readFileSync(files().credentials, 'utf8')).toBe(before);
    expect(existsSync(files().config)).toBe(false);
  });

  it.runIf(has(rootForMounts))('on a disk that fills half way leaves every file as it was, not half a move', () => {
    // A 64 KB tmpfs of our own, in a mount namespace of our own: the cache and the config line
    // fit, the credentials file's new copy does not.
    const disk = path.join(dir, 'disk');
    mkdirSync(disk);
    const script = path.join(dir, 'full-disk.cjs');
    writeFileSync(
      script,
      `
const fs = require('fs'), path = require('path'), { spawnSync } = require('child_process');
const [disk, host, profile, written] = process.argv.slice(2);
const credentials = path.join(disk, 'credentials'), config = path.join(disk, 'config'), cache = path.join(disk, 'stsbridge', 'credentials');
// Two pages of the person's own lines around stsbridge's: a new copy needs two free pages.
fs.writeFileSync(credentials, '# ' + 'mine '.repeat(1000) + '\\n' + fs.readFileSync(written, 'latin1'), { mode: 0o600 });
fs.writeFileSync(config, '[profile personal]\\nregion = eu-west-1\\n', { mode: 0o600 });
const before = { credentials: fs.readFileSync(credentials, 'latin1'), config: fs.readFileSync(config, 'latin1') };
const { bsize, bavail } = fs.statfsSync(disk);
fs.writeFileSync(path.join(disk, 'filler'), Buffer.alloc((bavail - 2) * bsize));
const env = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config };
const setup = spawnSync(process.execPath, [host, 'setup', profile], { env, encoding: 'utf8' });
fs.rmSync(path.join(disk, 'filler'));
const after = { credentials: fs.readFileSync(credentials, 'latin1'), config: fs.readFileSync(config, 'latin1') };
const credentialsCommand = spawnSync(process.execPath, [host, 'credentials', profile], { env, encoding: 'utf8' });
console.log(JSON.stringify({ setup: { code: setup.status, stderr: setup.stderr }, same: before.credentials === after.credentials && before.config === after.config, cache: fs.existsSync(cache), left: fs.readdirSync(disk), credentials: credentialsCommand.stdout }));
`,
    );
    const out = execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs "$1" && exec "$2" "$3" "$1" "$4" "${P}" "$5"`, 'sh', disk, process.execPath, script, HOST_BUNDLE, files().credentials], { encoding: 'utf8' });
    const result = JSON.parse(out) as { setup: { code: number; stderr: string }; same: boolean; cache: boolean; left: string[]; credentials: string };
    expect(result.setup).toEqual({ code: 1, stderr: expect.stringContaining('is full; nothing was changed') });
    expect(result.same).toBe(true);
    expect(result.cache).toBe(false);
    // No temp file, no kept copy: only the files and the empty folders stsbridge made.
    expect(result.left.filter((name) => name.startsWith('.'))).toEqual([]);
    expect(JSON.parse(result.credentials)).toMatchObject({ AccessKeyId: keys('FIRST').accessKeyId });
  });
});

describe('names that look like options', () => {
  it('are refused as profile names, in a write and on the command line', async () => {
    expect(await signIn([{ name: '--help', ...keys('HELP') }])).toMatchObject({ ok: false, code: ErrorCode.invalidRequest, message: expect.stringContaining('cannot start with "-"') });
    expect(stsbridge('setup', '--', '-x')).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot start with "-"') });
  });

  it('are words after --, not options: `credentials -- --help` prints no usage', () => {
    const after = stsbridge('credentials', '--', '--help');
    expect(after.stdout).toBe('');
    expect(after).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot start with "-"') });
    expect(stsbridge('credentials', '--', P)).toMatchObject({ code: 0, stdout: expect.stringContaining(keys('FIRST').accessKeyId) });
  });
});

describe('the local socket', () => {
  it('opens even when a folder sits at its name', async () => {
    const folder = path.join(files().runtime, 'stsbridge');
    // The shell's process ID is the host's (exec), so the folder is at the host's own socket name.
    const child = spawn('sh', ['-c', `mkdir -p "$1/host-$$.sock/inside" && exec "$2" "$3" chrome-extension://fcbnhbgmfinjpmnedlfoofbogopdmfie/`, 'sh', folder, process.execPath, HOST_BUNDLE], { env: { ...process.env, ...env() }, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const deadline = Date.now() + 20_000;
      let sockets: string[] = [];
      while (Date.now() < deadline && sockets.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sockets = readdirSync(folder).filter((name) => name !== `host-${child.pid}.sock` && lstatSync(path.join(folder, name)).isSocket());
      }
      expect(sockets).toEqual([`host-${child.pid}-1.sock`]);
      expect(lstatSync(path.join(folder, `host-${child.pid}.sock`)).isDirectory()).toBe(true);
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.on('close', resolve));
    }
  });

  it('stops reading from a client that never reads its replies, so the host does not grow', async () => {
    const live = liveHost();
    const socket = await socketOf(live);
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${live.child.pid}/status`, 'utf8'))![1]) * 1024;
    const idle = rss();
    const client = connect(socket);
    await new Promise((resolve) => client.on('connect', resolve));
    // 10 MB of pings, and not one reply read.
    const ping = frame({ type: 'ping' });
    const burst = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / ping.length) }, () => ping));
    for (let sent = 0; sent < 10; sent += 1) client.write(burst);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const flooded = rss();
    console.log(`socket flood: host RSS ${(idle / 1e6).toFixed(1)} MB idle, ${(flooded / 1e6).toFixed(1)} MB after 10 MB of pings unread`);
    expect(flooded - idle).toBeLessThan(40 * 1024 * 1024);
    // The host itself goes on: the browser's port is answered as ever.
    expect(await within(10_000, live.ask({ type: 'ping' }), 'a ping on stdin')).toMatchObject({ ok: true });
    client.destroy();
  });
});

describe('a runtime folder other users share', () => {
  it('whose parent others may change without the sticky bit: the host does not listen, the command does not ask', async () => {
    chmodSync(files().runtime, 0o777);
    const live = liveHost();
    // Give it the time it takes to open its door; it must not.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const ping = await live.ask({ type: 'ping' });
    expect(ping).toMatchObject({ ok: true, type: 'ping' });
    expect((ping as { socket?: string }).socket).toBeUndefined();
    const refresh = stsbridge('refresh', P, '--wait', '1');
    expect(refresh.code).toBe(1);
    expect(refresh.stderr).toContain('may be changed by other users');
  });

  describe.runIf(has(rootForSecondUser))('with another user first', () => {
    beforeAll(ensureSecondUser);

    it("sends nothing to another user's listener in a socket folder that user made", async () => {
      chmodSync(dir, 0o755);
      chmodSync(files().runtime, 0o1777);
      const folder = path.join(files().runtime, 'stsbridge');
      // The sign-in before each test had a host make it: the other user is first this time.
      rmSync(folder, { recursive: true, force: true });
      // The other user's listener answers every request with a refresh it never made, and says
      // on stdout whether anyone connected.
      const listener = `
        const fs = require('fs'), net = require('net');
        fs.mkdirSync(${JSON.stringify(folder)}, { mode: 0o755 });
        const file = ${JSON.stringify(path.join(folder, 'host-1.sock'))};
        net.createServer((socket) => {
          console.log('connected');
          const body = Buffer.from(JSON.stringify({ ok: true, type: 'refresh', results: [{ profile: ${JSON.stringify(P)}, state: 'refreshed' }] }));
          const head = Buffer.alloc(4); head.writeUInt32LE(body.length);
          socket.end(Buffer.concat([head, body]));
        }).listen(file, () => { fs.chmodSync(file, 0o777); console.log('listening'); });
        setTimeout(() => process.exit(0), 8000);`;
      const other = spawn('runuser', ['-u', SECOND_USER, '--', process.execPath, '-e', listener], { stdio: ['ignore', 'pipe', 'pipe'] });
      let said = '';
      other.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
      other.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      const deadline = Date.now() + 10_000;
      while (!said.includes('listening') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(said).toContain('listening');
      const refresh = stsbridge('refresh', P, '--wait', '1');
      other.kill();
      await new Promise((resolve) => other.on('close', resolve));
      expect(refresh).toMatchObject({ code: 1, stdout: '' });
      expect(refresh.stderr).toContain(`${folder} belongs to another user`);
      expect(said).not.toContain('connected');
    }, 30_000);
  });
});
