import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromIni } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { EXTENSION_ORIGIN, ErrorCode, MAX_REQUEST_BYTES, PROTOCOL_VERSION, type PingReply } from '../../../native-host/protocol';
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertHostBuilt, frame, HOST_BUNDLE, runHost } from '../../host-process';
import { localTime } from '../../../native-host/cli/profile-credentials';

const profile = {
  name: '123456789012-Admin',
  accessKeyId: 'ASIAHOSTTESTHOSTTEST',
  secretAccessKey: 'host/test+secret=HOSTTESTSECRET000000001',
  sessionToken: 'IQoJb3JpZ2luX2VjHOSTTESTTOKEN==',
  expiration: '2030-01-01T01:00:00Z',
};
const write = (extra: Record<string, unknown> = {}) => ({ id: 'w1', type: 'write-profiles', profiles: [profile], ...extra });

let dir: string;
let file: string;
const env = () => ({ AWS_SHARED_CREDENTIALS_FILE: file });

beforeAll(assertHostBuilt);
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-host-'));
  file = path.join(dir, 'aws', 'credentials');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the host process', () => {
  it('answers ping with its version and protocol', async () => {
    const { replies, exitCode } = await runHost(frame({ id: 'p', type: 'ping' }), { env: env() });
    const [reply] = replies;
    expect(replies).toHaveLength(1);
    // The socket may not be listening yet on the very first request: it opens just after start.
    const { socket, ...rest } = reply as PingReply & { ok: true };
    expect(rest).toEqual({
      id: 'p',
      ok: true,
      type: 'ping',
      version: expect.any(String),
      protocol: PROTOCOL_VERSION,
      capabilities: ['ping', 'write-profiles', 'status', 'prune-expired', 'remove-profiles', 'set-mode', 'refresh-result'],
      pid: expect.any(Number),
      superseded: false,
    });
    expect(socket === undefined || socket.endsWith(`host-${rest.pid}.sock`)).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('writes a profile that a real AWS SDK reads back, in a 0600 file in a 0700 folder', async () => {
    const { replies } = await runHost(frame(write()), { env: env() });
    expect(replies).toEqual([{ id: 'w1', ok: true, type: 'write-profiles', file, profiles: [profile.name], refused: [], notes: [] }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const read = await fromIni({ profile: profile.name, filepath: file, configFilepath: path.join(dir, 'none') })();
    expect(read).toMatchObject({ accessKeyId: profile.accessKeyId, secretAccessKey: profile.secretAccessKey, sessionToken: profile.sessionToken });
  });

  it('answers several requests on one connection, in order', async () => {
    const input = Buffer.concat([frame({ id: 'a', type: 'ping' }), frame(write({ id: 'b' })), frame({ id: 'c', type: 'ping' })]);
    const { replies } = await runHost(input, { env: env() });
    expect(replies.map((reply) => reply.id)).toEqual(['a', 'b', 'c']);
  });

  it('narrows a too-open file to 0600 and says so once', async () => {
    writeFileSync(path.join(dir, 'open'), '[default]\nregion = x\n', { mode: 0o644 });
    file = path.join(dir, 'open');
    const { replies } = await runHost(frame(write()), { env: env() });
    expect(replies[0]).toMatchObject({ ok: true, notes: [expect.stringMatching(/mode 0644.*narrowed it to 0600/)] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes at the end of a dangling chain of links, and every link stays a link', async () => {
    // credentials → mid-link → (missing): the file is made where the chain ends.
    const end = path.join(dir, 'store', 'credentials-real');
    mkdirSync(path.dirname(end));
    symlinkSync(end, path.join(dir, 'mid-link'));
    file = path.join(dir, 'credentials');
    symlinkSync('mid-link', file);
    const { replies } = await runHost(frame(write()), { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true })]);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(lstatSync(path.join(dir, 'mid-link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(end, 'utf8')).toContain(`[${profile.name}]`);
  });

  it('refuses a loop of links in words', async () => {
    symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'));
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    file = path.join(dir, 'a');
    const { replies } = await runHost(frame(write()), { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: false, message: expect.stringContaining('leads round in a loop') })]);
  });

  it('writes through a symlink and leaves the link a link', async () => {
    const target = path.join(dir, 'real-credentials');
    writeFileSync(target, '# mine\n', { mode: 0o600 });
    file = path.join(dir, 'link');
    symlinkSync(target, file);
    await runHost(frame(write()), { env: env() });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(target);
    expect(readFileSync(target, 'utf8')).toMatch(/^# mine\n\n\[123456789012-Admin\]\n/);
  });

  it('reports a path it cannot write in words, and writes nothing', async () => {
    writeFileSync(path.join(dir, 'a-file'), 'x');
    file = path.join(dir, 'a-file', 'credentials');
    const { replies } = await runHost(frame(write()), { env: env() });
    expect(replies[0]).toMatchObject({ ok: false, code: ErrorCode.fileWriteFailed, message: expect.stringContaining('is a file, not a folder') });
  });
});

describe('region and output', () => {
  it('go to the config file as [profile NAME], where the AWS SDK and CLI read them', async () => {
    const config = path.join(dir, 'aws', 'config');
    const { replies } = await runHost(frame(write({ profiles: [{ ...profile, region: 'eu-central-1', output: 'json' }, { ...profile, name: 'default', region: 'us-west-2' }] })), {
      env: { ...env(), AWS_CONFIG_FILE: config },
    });
    expect(replies[0]).toMatchObject({ ok: true, file, configFile: config });
    expect(readFileSync(config, 'utf8')).toBe(
      `[profile ${profile.name}]\n# managed by stsbridge: refreshed by your sign-ins in the browser\nregion = eu-central-1\noutput = json\n\n[default]\n# managed by stsbridge: refreshed by your sign-ins in the browser\nregion = us-west-2\n`,
    );
    expect(statSync(config).mode & 0o777).toBe(0o600);
    const { configFile } = await loadSharedConfigFiles({ filepath: file, configFilepath: config, ignoreCache: true });
    expect(configFile[profile.name]).toMatchObject({ region: 'eu-central-1', output: 'json' });
    expect(configFile.default).toMatchObject({ region: 'us-west-2' });
    expect(readFileSync(file, 'utf8')).not.toContain('region');
  });

  it('are validated like every other field', async () => {
    for (const bad of [{ region: 'eu west 1' }, { region: 'x\n[evil]' }, { output: 'xml' }]) {
      const { replies } = await runHost(frame(write({ profiles: [{ ...profile, ...bad }] })), { env: env() });
      expect(replies[0]).toMatchObject({ ok: false, code: ErrorCode.invalidRequest });
    }
    expect(() => statSync(file)).toThrow();
  });
});

describe("a person's long-lived keys", () => {
  it('are never replaced: the profile is refused by name, the others written', async () => {
    const mine = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    // What saml2aws leaves: temporary keys with a token. stsbridge may take that section over.
    const saml2aws = '[old-saml2aws]\naws_access_key_id = ASIAOLDOLDOLDOLDOLD1\naws_secret_access_key = x\naws_session_token = y\n';
    writeFileSync(path.join(dir, 'mixed'), mine + saml2aws, { mode: 0o600 });
    file = path.join(dir, 'mixed');
    const { replies } = await runHost(frame(write({ profiles: [{ ...profile, name: 'default' }, { ...profile, name: 'old-saml2aws' }, profile] })), { env: env() });
    expect(replies[0]).toMatchObject({ ok: true, profiles: ['old-saml2aws', profile.name], refused: ['default'] });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(mine)).toBe(true);
    expect(await fromIni({ profile: 'default', filepath: file, configFilepath: path.join(dir, 'none'), ignoreCache: true })()).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
    expect(await fromIni({ profile: 'old-saml2aws', filepath: file, configFilepath: path.join(dir, 'none'), ignoreCache: true })()).toMatchObject({ accessKeyId: profile.accessKeyId });
  });

  it('a [default] that stsbridge wrote itself is refreshed', async () => {
    await runHost(frame(write({ profiles: [{ ...profile, name: 'default' }] })), { env: env() });
    const { replies } = await runHost(frame(write({ profiles: [{ ...profile, name: 'default', accessKeyId: 'ASIANEWNEWNEWNEWNEW2' }] })), { env: env() });
    expect(replies[0]).toMatchObject({ ok: true, profiles: ['default'], refused: [] });
    expect(readFileSync(file, 'utf8')).toContain('ASIANEWNEWNEWNEWNEW2');
  });
});

describe('remove-profiles', () => {
  it('removes managed profiles and leaves every other name alone', async () => {
    writeFileSync(path.join(dir, 'c'), '[breakglass]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n', { mode: 0o600 });
    file = path.join(dir, 'c');
    await runHost(frame(write({ profiles: [profile, { ...profile, name: 'other' }] })), { env: env() });
    const { replies } = await runHost(frame({ id: 'r', type: 'remove-profiles', names: [profile.name, 'breakglass', 'nowhere'] }), { env: env() });
    expect(replies).toEqual([{ id: 'r', ok: true, type: 'remove-profiles', file, removed: [profile.name], notManaged: ['breakglass', 'nowhere'], notes: [] }]);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[breakglass]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE');
    expect(text).toContain('[other]');
    expect(text).not.toContain(`[${profile.name}]`);
  });

  it('refuses names that cannot be profile names', async () => {
    for (const names of [[], ['a]\n[b'], 'x', [7]]) {
      const { replies } = await runHost(frame({ type: 'remove-profiles', names }), { env: env() });
      expect(replies[0]).toMatchObject({ ok: false, code: ErrorCode.invalidRequest });
    }
  });
});

describe('status and prune-expired', () => {
  const expired = { ...profile, name: 'expired-one', expiration: '2020-01-01T00:00:00Z' };

  it('list the managed profiles, and prune only the expired ones', async () => {
    await runHost(frame(write({ profiles: [profile, expired] })), { env: env() });
    const { replies } = await runHost(Buffer.concat([frame({ id: 's', type: 'status' }), frame({ id: 'p', type: 'prune-expired' }), frame({ id: 's2', type: 'status' })]), { env: env() });
    expect(replies).toEqual([
      {
        id: 's',
        ok: true,
        type: 'status',
        file,
        profiles: [
          { name: profile.name, expiration: profile.expiration, expired: false, mode: 'file' },
          { name: 'expired-one', expiration: '2020-01-01T00:00:00Z', expired: true, mode: 'file' },
        ],
        omitted: 0,
      },
      { id: 'p', ok: true, type: 'prune-expired', file, removed: ['expired-one'], omitted: 0, notes: [] },
      { id: 's2', ok: true, type: 'status', file, profiles: [{ name: profile.name, expiration: profile.expiration, expired: false, mode: 'file' }], omitted: 0 },
    ]);
  });

  it('do not create a missing file', async () => {
    const { replies } = await runHost(Buffer.concat([frame({ type: 'status' }), frame({ type: 'prune-expired' })]), { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: true, profiles: [] }), expect.objectContaining({ ok: true, removed: [] })]);
    expect(() => statSync(file)).toThrow();
  });

  it('work as commands a person types', async () => {
    await runHost(frame(write({ profiles: [profile, expired] })), { env: env() });
    const run = (command: string) => execFileSync(process.execPath, [HOST_BUNDLE, command], { env: { ...process.env, ...env() }, encoding: 'utf8' });
    expect(run('status')).toBe(
      [
        'PROFILE             MODE  STATE    EXPIRES',
        `123456789012-Admin  file  valid    ${localTime(Date.parse('2030-01-01T01:00:00Z'))}`,
        `expired-one         file  expired  ${localTime(Date.parse('2020-01-01T00:00:00Z'))}`,
        `Keys of file profiles are in ${file}.`,
        '1 expired; `stsbridge prune-expired` removes it.',
        '',
      ].join('\n'),
    );
    expect(run('prune-expired')).toBe(`Removed from ${file}: expired-one\n`);
    expect(() => run('delete-everything')).toThrow(/"delete-everything" is not a command/);
  });
});

describe('the host refuses bad input with a named error and writes nothing', () => {
  const cases: [string, Buffer, number][] = [
    ['invalid JSON', frame('{"type": "ping"'), ErrorCode.invalidJson],
    ['a JSON array', frame('[]'), ErrorCode.invalidRequest],
    ['an unknown type', frame({ type: 'delete-everything' }), ErrorCode.unknownType],
    ['a profile name that would inject a section', frame(write({ profiles: [{ ...profile, name: 'x]\n[default' }] })), ErrorCode.invalidRequest],
    ['a profile name that would end its header early', frame(write({ profiles: [{ ...profile, name: 'x]y' }] })), ErrorCode.invalidRequest],
    ['a secret with a newline', frame(write({ profiles: [{ ...profile, secretAccessKey: 'abc\naws_access_key_id=EVIL0000000000' }] })), ErrorCode.invalidRequest],
    ['a malformed access key id', frame(write({ profiles: [{ ...profile, accessKeyId: 'nope' }] })), ErrorCode.invalidRequest],
    ['an expiry that is not ISO 8601', frame(write({ profiles: [{ ...profile, expiration: 'tomorrow' }] })), ErrorCode.invalidRequest],
    ['no profiles', frame(write({ profiles: [] })), ErrorCode.invalidRequest],
    ['an unknown profile field', frame(write({ profiles: [{ ...profile, region: 'x' }] })), ErrorCode.invalidRequest],
    ['a truncated frame', frame(write()).subarray(0, 30), ErrorCode.frameTruncated],
    ['a field the protocol does not define ("dryRun": true)', frame(write({ dryRun: true })), ErrorCode.invalidRequest],
    ['a ping with a field it does not take', frame({ type: 'ping', verbose: 1 }), ErrorCode.invalidRequest],
    ['a string that is not UTF-8', frame(Buffer.from('{"type": "ping", "id": "\xC3\x28"}', 'latin1')), ErrorCode.invalidJson],
    ['an impossible date (February 31st)', frame(write({ profiles: [{ ...profile, expiration: '2030-02-31T00:00:00Z' }] })), ErrorCode.invalidRequest],
    ['an impossible time (24:00:00)', frame(write({ profiles: [{ ...profile, expiration: '2030-01-01T24:00:00Z' }] })), ErrorCode.invalidRequest],
    ['the year 0000', frame(write({ profiles: [{ ...profile, expiration: '0000-01-01T00:00:00Z' }] })), ErrorCode.invalidRequest],
    ['a region of 5,000 characters', frame(write({ profiles: [{ ...profile, region: `eu-${'west-'.repeat(1000)}1` }] })), ErrorCode.invalidRequest],
  ];
  it.each(cases)('%s', async (_label, input, code) => {
    const { replies, exitCode } = await runHost(input, { env: env() });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ ok: false, code, message: expect.any(String) });
    expect(exitCode).toBe(0);
    expect(() => statSync(file)).toThrow();
  });

  it('refuses an oversized frame before reading it, then closes', async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(MAX_REQUEST_BYTES + 1);
    const { replies, exitCode } = await runHost(Buffer.concat([head, Buffer.alloc(64)]), { env: env() });
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.frameTooLarge })]);
    expect(exitCode).toBe(0);
  });

  it('exits after an oversized frame even while the other side keeps its end open', async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(MAX_REQUEST_BYTES + 1);
    const child = spawn(process.execPath, [HOST_BUNDLE, EXTENSION_ORIGIN], { env: { ...process.env, ...env() }, stdio: ['pipe', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stdin.write(head); // and never closed
    const exited = await Promise.race([
      new Promise<number | null>((resolve) => child.on('close', resolve)),
      sleep(5_000).then(() => 'still running' as const),
    ]);
    child.kill();
    expect(exited).toBe(0);
    expect(JSON.parse(Buffer.concat(out).subarray(4).toString())).toMatchObject({ ok: false, code: ErrorCode.frameTooLarge });
  });

  it('serves no other caller than the stsbridge extension', async () => {
    const { replies, stderr } = await runHost(frame(write()), { env: env(), origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' });
    expect(replies).toEqual([expect.objectContaining({ ok: false, code: ErrorCode.forbiddenCaller })]);
    expect(stderr).toContain('refusing caller');
    expect(() => statSync(file)).toThrow();
  });

  it('never puts a secret in its diagnostics or replies, even when the write fails', async () => {
    // From the extension's own origin, so each frame is parsed and acted on: a folder where the
    // file should be, a file where its folder should be, a refused name, and a frame cut short.
    mkdirSync(path.join(dir, 'a-folder'));
    writeFileSync(path.join(dir, 'a-file'), 'not a folder');
    const failures: [string, Buffer, RegExp][] = [
      [path.join(dir, 'a-folder'), frame(write()), /is not a regular file/],
      [path.join(dir, 'a-file', 'credentials'), frame(write()), /is a file, not a folder/],
      [file, frame(write({ profiles: [{ ...profile, name: 'bad name' }] })), /profiles\[0\]\.name/],
      [file, frame(write()).subarray(0, 60), /ended in the middle of a request/],
    ];
    for (const [target, input, message] of failures) {
      const { replies, stderr } = await runHost(input, { env: { AWS_SHARED_CREDENTIALS_FILE: target } });
      expect(replies).toEqual([expect.objectContaining({ ok: false, message: expect.stringMatching(message) })]);
      for (const secret of [profile.secretAccessKey, profile.sessionToken, 'HOSTTESTSECRET', 'HOSTTESTTOKEN']) {
        expect(stderr).not.toContain(secret);
        expect(JSON.stringify(replies)).not.toContain(secret);
      }
    }
  });
});
