// install-host.sh, run for real in temp homes. PATH is built per test from the tools the script
// needs, so which browsers are "installed" (and whether node is) is the test's choice; macOS is
// checked by layout, with a `uname` that answers Darwin.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXTENSION_ORIGIN, HOST_NAME } from '../../native-host/protocol';
import { assertHostBuilt, frame } from '../host-process';

const SCRIPT = path.resolve(import.meta.dirname, '../../install-host.sh');
const TOOLS = ['bash', 'env', 'dirname', 'basename', 'sed', 'uname', 'cp', 'chmod', 'mv', 'mkdir', 'cat', 'rm', 'rmdir', 'tail', 'sh', 'ln', 'readlink', 'realpath'];

let home: string;
let bin: string;

function which(tool: string): string {
  return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
}

/**
 * A bin folder with the script's tools (node too, unless left out) and any fake programs. A fake
 * takes the place of the real tool: it is never a symlink to it, and it is created with 'wx',
 * which refuses to open anything that already exists, so a fake can never be written through a
 * link into the machine's own /usr/bin.
 */
function toolbox(options: { node?: boolean; fakes?: Record<string, string> } = {}): string {
  const dir = path.join(home, `bin-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  const fakes = options.fakes ?? {};
  for (const tool of [...TOOLS, ...(options.node === false ? [] : ['node'])]) {
    if (!(tool in fakes)) symlinkSync(which(tool), path.join(dir, tool));
  }
  for (const [name, body] of Object.entries(fakes)) {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { flag: 'wx', mode: 0o755 });
  }
  return dir;
}

function run(args: string[], options: { path?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(SCRIPT, args, {
    env: { PATH: options.path ?? bin, HOME: home, ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

function manifestAt(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, `${HOST_NAME}.json`), 'utf8')) as Record<string, unknown>;
}

beforeAll(assertHostBuilt);
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-install-'));
  bin = toolbox();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const linux: [browser: string, profile: string][] = [
  ['Google Chrome', '.config/google-chrome'],
  ['Chromium', '.config/chromium'],
  ['Brave', '.config/BraveSoftware/Brave-Browser'],
  ['Microsoft Edge', '.config/microsoft-edge'],
  ['Vivaldi', '.config/vivaldi'],
];

describe('install-host.sh on Linux, per user', () => {
  it.each(linux)('registers for %s, checks, re-runs harmlessly and uninstalls', (browser, profile) => {
    mkdirSync(path.join(home, profile), { recursive: true });
    const hosts = path.join(home, profile, 'NativeMessagingHosts');
    expect(run([]).code).toBe(0);
    const launcher = path.join(home, '.local/share/stsbridge/stsbridge-host');
    expect(manifestAt(hosts)).toEqual({
      name: HOST_NAME,
      description: expect.any(String),
      path: launcher,
      type: 'stdio',
      allowed_origins: [EXTENSION_ORIGIN],
    });
    const first = readFileSync(path.join(hosts, `${HOST_NAME}.json`), 'utf8');

    const check = run(['--check']);
    expect(check).toEqual({ code: 0, out: expect.stringContaining(`${browser}: ok (${launcher} answers: version`) });

    expect(run([]).code).toBe(0);
    expect(readFileSync(path.join(hosts, `${HOST_NAME}.json`), 'utf8')).toBe(first);

    expect(run(['--uninstall']).code).toBe(0);
    expect(existsSync(path.join(hosts, `${HOST_NAME}.json`))).toBe(false);
    expect(existsSync(launcher)).toBe(false);
  });

  it("replaces an earlier install's ES-module program, so a host still running it learns it was replaced", () => {
    mkdirSync(path.join(home, '.config/chromium'), { recursive: true });
    const data = path.join(home, '.local/share/stsbridge');
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, 'stsbridge-host.mjs'), '// an earlier version');
    expect(run([]).code).toBe(0);
    expect(existsSync(path.join(data, 'stsbridge-host.mjs'))).toBe(false);
    expect(readFileSync(path.join(data, 'stsbridge-host'), 'utf8')).toContain(`'${path.join(data, 'stsbridge-host.cjs')}'`);
  });

  it('registers for a browser that is installed but was never started', () => {
    bin = toolbox({ fakes: { 'brave-browser': 'exit 0' } });
    expect(run([])).toMatchObject({ code: 0, out: expect.stringContaining('registered dev.stsbridge.host for Brave') });
    expect(manifestAt(path.join(home, '.config/BraveSoftware/Brave-Browser/NativeMessagingHosts')).path).toBe(path.join(home, '.local/share/stsbridge/stsbridge-host'));
  });

  it('says so when it finds no browser', () => {
    expect(run([])).toEqual({ code: 1, out: expect.stringContaining('no Chromium-family browser was found') });
  });
});

describe('the stsbridge command', () => {
  const command = () => path.join(home, '.local/bin/stsbridge');
  beforeEach(() => mkdirSync(path.join(home, '.config/chromium'), { recursive: true }));

  it('is linked into ~/.local/bin, runs from there, and the install says when that folder is not on PATH', () => {
    const install = run([]);
    expect(install).toMatchObject({ code: 0, out: expect.stringContaining(`command: ${command()}`) });
    expect(install.out).toContain(`note: ${path.join(home, '.local/bin')} is not on your PATH`);
    expect(readlinkSync(command())).toBe(path.join(home, '.local/share/stsbridge/stsbridge-host'));
    const help = spawnSync(command(), ['--help'], { env: { PATH: bin, HOME: home }, encoding: 'utf8' });
    expect(help).toMatchObject({ status: 0, stdout: expect.stringContaining('stsbridge credentials PROFILE') });
  });

  it("adds no second command when run as npm's `stsbridge install`, whose stsbridge is on PATH already", () => {
    // npm links its bin to the package's program; the installer is told which program ran it.
    const npmBin = path.join(home, 'npm-bin');
    const program = path.join(home, 'npm-package/stsbridge-host.cjs');
    mkdirSync(path.dirname(program), { recursive: true });
    writeFileSync(program, '// the package program');
    mkdirSync(npmBin);
    symlinkSync(program, path.join(npmBin, 'stsbridge'));
    const install = run([], { path: `${bin}:${npmBin}`, env: { STSBRIDGE_INSTALL_AS: 'stsbridge install', STSBRIDGE_PROGRAM: program } });
    expect(install).toMatchObject({ code: 0, out: expect.stringContaining(`command: ${path.join(npmBin, 'stsbridge')} (already on your PATH)`) });
    expect(install.out).not.toContain('is not on your PATH');
    expect(existsSync(command())).toBe(false);
    // Another stsbridge on PATH is no reason to leave the command out.
    const other = run([], { path: `${bin}:${npmBin}`, env: { STSBRIDGE_INSTALL_AS: 'stsbridge install', STSBRIDGE_PROGRAM: path.join(home, 'elsewhere.cjs') } });
    expect(other).toMatchObject({ code: 0, out: expect.stringContaining(`command: ${command()}`) });
    rmSync(command());
    // Nor is a system without realpath, where nothing can be compared.
    const noRealpath = toolbox({ fakes: { realpath: 'exit 1' } });
    const unknown = run([], { path: `${noRealpath}:${npmBin}`, env: { STSBRIDGE_INSTALL_AS: 'stsbridge install', STSBRIDGE_PROGRAM: program } });
    expect(unknown).toMatchObject({ code: 0, out: expect.stringContaining(`command: ${command()}`) });
    expect(unknown.out).not.toContain('already on your PATH');
  });

  it('speaks as `stsbridge install` when run as it: its help and its errors name it', () => {
    const env = { STSBRIDGE_INSTALL_AS: 'stsbridge install' };
    const help = run(['--help'], { env });
    expect(help).toMatchObject({ code: 0, out: expect.stringContaining('stsbridge install --system') });
    expect(help.out).not.toContain('install-host.sh');
    expect(run(['--bogus'], { env })).toEqual({ code: 1, out: "stsbridge install: unknown option '--bogus' (see --help)\n" });
    expect(run(['--bogus'])).toEqual({ code: 1, out: "install-host.sh: unknown option '--bogus' (see --help)\n" });
  });

  it('goes where --bin-dir says, with no note when that folder is on PATH, and --check finds it', () => {
    const dir = path.join(home, 'tools');
    const install = run(['--bin-dir', dir], { path: `${bin}:${dir}` });
    expect(install.code).toBe(0);
    expect(install.out).not.toContain('is not on your PATH');
    expect(readlinkSync(path.join(dir, 'stsbridge'))).toBe(path.join(home, '.local/share/stsbridge/stsbridge-host'));
    expect(run(['--check', '--bin-dir', dir], { path: `${bin}:${dir}` }).out).toContain(`stsbridge command: ${path.join(dir, 'stsbridge')}`);
  });

  it('never replaces another program called stsbridge', () => {
    mkdirSync(path.dirname(command()), { recursive: true });
    writeFileSync(command(), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    expect(run([])).toEqual({ code: 1, out: expect.stringContaining(`${command()} exists and is not stsbridge's`) });
    expect(readFileSync(command(), 'utf8')).toBe('#!/bin/sh\necho mine\n');
    // Refused before anything was written: no browser was told of a host.
    expect(existsSync(path.join(home, '.config/chromium/NativeMessagingHosts', `${HOST_NAME}.json`))).toBe(false);
    expect(existsSync(path.join(home, '.local/share/stsbridge'))).toBe(false);
    expect(run(['--uninstall']).code).toBe(0);
    expect(readFileSync(command(), 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('goes with --uninstall', () => {
    expect(run([]).code).toBe(0);
    expect(run(['--uninstall'])).toMatchObject({ code: 0, out: expect.stringContaining(`removed ${command()}`) });
    expect(existsSync(command())).toBe(false);
  });
});

describe('install-host.sh --extension-id: a copy from a store has an ID of its own', () => {
  const STORE = 'abcdefghijklmnopabcdefghijklmnop';
  const OTHER = 'ponmlkjihgfedcbaponmlkjihgfedcba';
  const data = () => path.join(home, '.local/share/stsbridge');
  const hosts = () => path.join(home, '.config/chromium/NativeMessagingHosts');
  /** A ping through the installed launcher, as Chrome would start it for `origin`. */
  const ping = (origin: string) => {
    const request = Buffer.from(JSON.stringify({ type: 'ping' }));
    const header = Buffer.alloc(4);
    header.writeUInt32LE(request.length);
    const run = spawnSync(path.join(data(), 'stsbridge-host'), [origin], { input: Buffer.concat([header, request]), env: { PATH: bin, HOME: home } });
    return JSON.parse(run.stdout.subarray(4).toString('utf8')) as { ok: boolean; message?: string };
  };
  beforeEach(() => mkdirSync(path.join(home, '.config/chromium'), { recursive: true }));

  it('registers and serves exactly the IDs given, which --check names', () => {
    expect(run(['--extension-id', STORE, `--extension-id=${OTHER}`]).code).toBe(0);
    expect(manifestAt(hosts()).allowed_origins).toEqual([`chrome-extension://${STORE}/`, `chrome-extension://${OTHER}/`]);
    expect(JSON.parse(readFileSync(path.join(data(), 'allowed-origins.json'), 'utf8'))).toEqual({ origins: [`chrome-extension://${STORE}/`, `chrome-extension://${OTHER}/`] });
    expect(ping(`chrome-extension://${STORE}/`)).toMatchObject({ ok: true });
    expect(ping(`chrome-extension://${OTHER}/`)).toMatchObject({ ok: true });
    // The unpacked extension's ID is not among them: refused, by name.
    expect(ping(EXTENSION_ORIGIN)).toEqual(expect.objectContaining({ ok: false, message: `This host only serves the stsbridge extension (chrome-extension://${STORE}/, chrome-extension://${OTHER}/).` }));
    const check = run(['--check']);
    expect(check).toEqual({ code: 0, out: expect.stringContaining(`; serves ${STORE} ${OTHER})`) });
    // Asked about other IDs than it was installed for, --check says so.
    expect(run(['--check', '--extension-id', STORE])).toEqual({ code: 1, out: expect.stringContaining(`its manifest allows ["chrome-extension://${STORE}/","chrome-extension://${OTHER}/"], not ["chrome-extension://${STORE}/"]`) });
    expect(run(['--uninstall']).code).toBe(0);
    expect(existsSync(data())).toBe(false);
  });

  it('names a folder it cannot write to', () => {
    writeFileSync(path.join(home, 'a-file'), '');
    expect(run(['--bin-dir', path.join(home, 'a-file/bin')])).toMatchObject({ code: 1, out: expect.stringContaining(`install-host.sh: cannot write to ${path.join(home, 'a-file/bin')}: the stsbridge command goes there; choose another folder with --bin-dir\n`) });
    expect(run(['--dir', path.join(home, 'a-file/hosts')])).toMatchObject({ code: 1, out: `install-host.sh: cannot write to ${path.join(home, 'a-file/hosts')}: the browser reads native-messaging hosts from there; check its owner and permissions\n` });
  });

  it('refuses what is not an extension ID, and installs nothing', () => {
    for (const id of ['fcbnhbgmfinjpmnedlfoofbogopdmfi', 'FCBNHBGMFINJPMNEDLFOOFBOGOPDMFIE', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', '']) {
      expect(run(['--extension-id', id])).toEqual({ code: 1, out: `install-host.sh: '${id}' is not an extension ID (32 letters a-p, as chrome://extensions shows it)\n` });
    }
    expect(existsSync(data())).toBe(false);
  });

  it('serves no one, and says why, when its list of IDs is damaged', () => {
    expect(run([]).code).toBe(0);
    writeFileSync(path.join(data(), 'allowed-origins.json'), '{"origins": ["https://evil.example/"]}');
    expect(ping(EXTENSION_ORIGIN)).toEqual(expect.objectContaining({ ok: false, message: expect.stringMatching(/^This host cannot tell which extensions it serves: .*allowed-origins\.json does not hold a list of 1 to 50 extension origins .*Run the installer again\.$/) }));
  });
});

describe('install-host.sh --check finds what is wrong', () => {
  const hosts = () => path.join(home, '.config/chromium/NativeMessagingHosts');
  beforeEach(() => {
    mkdirSync(path.join(home, '.config/chromium'), { recursive: true });
    expect(run([]).code).toBe(0);
  });

  it('a manifest for another extension', () => {
    const file = path.join(hosts(), `${HOST_NAME}.json`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(EXTENSION_ORIGIN, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'));
    expect(run(['--check'])).toEqual({ code: 1, out: expect.stringMatching(/^Chromium: its manifest allows \["chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop\/"\].*Run \.\/install-host\.sh again\.\nstsbridge command: .*\n$/) });
  });

  it('a host program that is not executable', () => {
    chmodSync(path.join(home, '.local/share/stsbridge/stsbridge-host'), 0o644);
    expect(run(['--check'])).toEqual({ code: 1, out: expect.stringContaining('is missing or not executable') });
  });

  it('a host program that is gone, its launcher left: said in one line, no stack trace', () => {
    rmSync(path.join(home, '.local/share/stsbridge/stsbridge-host.cjs'));
    const check = run(['--check']);
    expect(check).toEqual({ code: 1, out: expect.stringContaining(`the host program ${path.join(home, '.local/share/stsbridge/stsbridge-host.cjs')} is missing`) });
    expect(check.out).not.toMatch(/node:internal|Require stack|at Module/);
  });

  it('a credentials file that is a FIFO: the check ends, with its answer', () => {
    mkdirSync(path.join(home, '.aws'));
    execFileSync('mkfifo', [path.join(home, '.aws/credentials')]);
    const check = spawnSync(SCRIPT, ['--check'], { env: { PATH: bin, HOME: home }, encoding: 'utf8', timeout: 20_000 });
    expect(check.error).toBeUndefined();
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('Chromium: ok');
  });

  it('a host program that does not answer', () => {
    writeFileSync(path.join(home, '.local/share/stsbridge/stsbridge-host.cjs'), 'process.exit(3)');
    expect(run(['--check'])).toEqual({ code: 1, out: expect.stringContaining('does not answer') });
  });

  it('a profile whose static keys hide its credential_process (aws/aws-cli#5109)', () => {
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(path.join(home, '.aws/credentials'), '[prod]\naws_access_key_id = AKIAHANDMADE00000001\naws_secret_access_key = secret\n');
    writeFileSync(path.join(home, '.aws/config'), `[profile prod]\n# managed by stsbridge: refreshed on each console login\ncredential_process = ${path.join(home, '.local/share/stsbridge/stsbridge-host')} credentials prod\n`);
    const check = run(['--check']);
    // The registration is fine, so the exit status is too; the warning is said.
    expect(check.code).toBe(0);
    expect(check.out).toContain(`warning: prod has access keys in ${path.join(home, '.aws/credentials')} and a credential_process in ${path.join(home, '.aws/config')}: AWS tools use the keys`);
    expect(check.out).not.toContain('secret');
    rmSync(path.join(home, '.aws/credentials'));
    expect(run(['--check']).out).not.toContain('warning');
  });

  it('no registration at all', () => {
    rmSync(hosts(), { recursive: true });
    expect(run(['--check'])).toEqual({ code: 1, out: expect.stringContaining('Chromium: not registered') });
  });
});

describe('install-host.sh and Node.js', () => {
  beforeEach(() => mkdirSync(path.join(home, '.config/chromium'), { recursive: true }));

  it('says how to get Node.js when there is none', () => {
    expect(run([], { path: toolbox({ node: false }) })).toEqual({ code: 1, out: expect.stringContaining('Node.js was not found. Install Node.js 20 or newer') });
  });

  it('refuses a Node.js that is too old', () => {
    const old = toolbox({ node: false, fakes: { node: 'echo 18' } });
    expect(run([], { path: old })).toEqual({ code: 1, out: expect.stringContaining('Node.js 20 or newer is needed') });
  });
});

describe('install-host.sh --system', () => {
  it('stages every browser folder below --root, naming the host where it will run', () => {
    const stage = path.join(home, 'stage');
    expect(run(['--system', '--root', stage]).code).toBe(0);
    for (const dir of ['etc/opt/chrome', 'etc/chromium', 'etc/opt/brave', 'etc/opt/edge', 'etc/opt/vivaldi']) {
      expect(manifestAt(path.join(stage, dir, 'native-messaging-hosts')).path).toBe('/usr/local/lib/stsbridge/stsbridge-host');
    }
    expect(readFileSync(path.join(stage, 'usr/local/lib/stsbridge/stsbridge-host'), 'utf8')).toContain("'/usr/local/lib/stsbridge/stsbridge-host.cjs'");
    expect(run(['--system', '--root', stage, '--uninstall']).code).toBe(0);
    expect(existsSync(path.join(stage, 'etc/chromium/native-messaging-hosts', `${HOST_NAME}.json`))).toBe(false);
    expect(existsSync(path.join(stage, 'usr/local/lib/stsbridge'))).toBe(false);
  });
});

describe('install-host.sh on macOS (by layout)', () => {
  it('uses the Application Support folders', () => {
    const mac = toolbox({ fakes: { uname: 'echo Darwin' } });
    const support = path.join(home, 'Library/Application Support');
    mkdirSync(path.join(support, 'Google/Chrome'), { recursive: true });
    mkdirSync(path.join(support, 'Microsoft Edge'), { recursive: true });
    expect(run([], { path: mac }).code).toBe(0);
    const launcher = path.join(support, 'stsbridge/stsbridge-host');
    expect(manifestAt(path.join(support, 'Google/Chrome/NativeMessagingHosts')).path).toBe(launcher);
    expect(manifestAt(path.join(support, 'Microsoft Edge/NativeMessagingHosts')).path).toBe(launcher);
    expect(existsSync(launcher)).toBe(true);
    const stage = path.join(home, 'stage');
    expect(run(['--system', '--root', stage], { path: mac }).code).toBe(0);
    expect(existsSync(path.join(stage, 'Library/Google/Chrome/NativeMessagingHosts', `${HOST_NAME}.json`))).toBe(true);
    expect(existsSync(path.join(stage, 'Library/Microsoft/Edge/NativeMessagingHosts', `${HOST_NAME}.json`))).toBe(true);
  });
});

describe('install-host.sh with unusual paths', () => {
  it("takes a --dir with '|' in it, and registers exactly there", () => {
    const dir = path.join(home, 'a|b', 'nmh');
    expect(run(['--dir', dir])).toMatchObject({ code: 0, out: expect.stringContaining(`registered ${HOST_NAME} in ${dir}`) });
    expect(manifestAt(dir)).toMatchObject({ name: HOST_NAME, allowed_origins: [EXTENSION_ORIGIN] });
    expect(existsSync(path.join(home, 'a'))).toBe(false);
    expect(run(['--check', '--dir', dir])).toMatchObject({ code: 0, out: expect.stringContaining(`${dir}: ok`) });
  });

  it.each([['a quote', 'o"brien'], ['a backslash', 'back\\slash']])('with %s in HOME, --uninstall --dir keeps the program a browser still names', (_what, name) => {
    const odd = path.join(home, name);
    mkdirSync(path.join(odd, '.config/chromium'), { recursive: true });
    const extra = path.join(home, 'extra-hosts');
    const env = { HOME: odd };
    expect(run([], { env }).code).toBe(0);
    expect(run(['--dir', extra], { env }).code).toBe(0);
    const launcher = path.join(odd, '.local/share/stsbridge/stsbridge-host');
    expect(manifestAt(path.join(odd, '.config/chromium/NativeMessagingHosts')).path).toBe(launcher);
    expect(run(['--uninstall', '--dir', extra], { env })).toMatchObject({ code: 0, out: expect.stringContaining('kept the host program') });
    expect(existsSync(launcher)).toBe(true);
    expect(existsSync(`${launcher}.cjs`)).toBe(true);
  });
});

describe('install-host.sh --uninstall and process profiles', () => {
  it('moves every process profile back to the credentials file and removes the cache, so no AWS tool is left running a command that is gone', () => {
    mkdirSync(path.join(home, '.config/chromium'), { recursive: true });
    expect(run([]).code).toBe(0);
    const launcher = path.join(home, '.local/share/stsbridge/stsbridge-host');
    const aws = path.join(home, '.aws');
    mkdirSync(aws);
    writeFileSync(path.join(aws, 'config'), '[profile personal]\nregion = eu-west-1\n');
    const keys = { accessKeyId: 'ASIAUNINSTALLTEST001', secretAccessKey: 'uninstall/test+secret=UNINSTALL00000001', sessionToken: 'IQoJb3JpZ2luX2VjUNINSTALL+/==', expiration: '2030-01-01T01:00:00Z' };
    const write = spawnSync(launcher, [EXTENSION_ORIGIN], { env: { PATH: bin, HOME: home }, input: frame({ type: 'write-profiles', profiles: [{ name: 'app', ...keys }] }) });
    expect(write.status).toBe(0);
    expect(spawnSync(launcher, ['setup', 'app'], { env: { PATH: bin, HOME: home }, encoding: 'utf8' })).toMatchObject({ status: 0 });
    expect(readFileSync(path.join(aws, 'config'), 'utf8')).toContain(`credential_process = ${launcher} credentials app`);
    const uninstall = run(['--uninstall']);
    expect(uninstall).toMatchObject({ code: 0, out: expect.stringContaining('app is now a file profile') });
    expect(uninstall.out).toContain(`removed stsbridge's cache ${path.join(aws, 'stsbridge/credentials')}`);
    expect(readFileSync(path.join(aws, 'config'), 'utf8')).toBe('[profile personal]\nregion = eu-west-1\n');
    expect(readFileSync(path.join(aws, 'credentials'), 'utf8')).toContain(`aws_access_key_id = ${keys.accessKeyId}`);
    expect(existsSync(path.join(aws, 'stsbridge'))).toBe(false);
    expect(existsSync(launcher)).toBe(false);
  });
});
