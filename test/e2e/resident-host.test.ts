// The resident host in real Chromium: one host process for the browser's lifetime, serving every
// login; what happens when it is killed, reinstalled, or turned off; and that it goes with the
// browser.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { HostStatus } from '../../extension/storage/host-status';
import { PROTOCOL_VERSION, type HostReply } from '../../native-host/protocol';
import { frame, readFrames } from '../host-process';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { expectReadBack, readWithSdk } from './aws-clients';
import { e2eReady, launchBrowser, POPUP_URL, processesRunning, type BrowserSession } from './browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';

const ready = e2eReady();

/** Polls `read` until `done` says so; generous, since tests must not fail on a slow machine. */
async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms / 1000} s`);
    await sleep(25);
    value = await read();
  }
  return value;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function askSocket(socket: string, message: unknown): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const client = connect(socket);
    const chunks: Buffer[] = [];
    client.on('data', (chunk) => chunks.push(chunk));
    client.on('error', reject);
    client.on('close', () => resolve(readFrames(Buffer.concat(chunks)).frames[0]!));
    client.end(frame(message));
  });
}

const role = (index: number): TestRole => ({ accountId: String(310000000000 + index), roleName: 'Admin' });
const oneRoleLogin = (fake: FakeAws, index: number) => fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role(index))] }), stsHost: GLOBAL_STS });
const issuedFor = (fake: FakeAws, index: number) => fake.stsCalls.filter((call) => call.params.RoleArn === roleArn(role(index)) && call.credentials).at(-1)!.credentials!;

describe.skipIf(!ready)('the resident host', () => {
  let fake: FakeAws;
  let browser: BrowserSession;
  let index = 0;
  const hostStatus = () => browser.extensionPage.evaluate(async () => (await chrome.storage.session.get('hostStatus')).hostStatus as HostStatus | undefined);
  const loginOnce = async () => {
    index += 1;
    const record = await browser.login(oneRoleLogin(fake, index));
    expect(record, 'the login').toMatchObject({ state: 'done', results: [{ state: 'written' }] });
    await expectReadBack(browser.credentialsFile, `${role(index).accountId}-Admin`, issuedFor(fake, index));
  };

  sharedBrowser((started, session) => {
    fake = started;
    browser = session;
  });

  it('is one host process, started with the worker, that serves every login and the local socket', async () => {
    const [pid] = await until(() => browser.hostPids(), (pids) => pids.length === 1, 'host processes');
    for (let login = 0; login < 3; login += 1) await loginOnce();
    expect(browser.hostPids()).toEqual([pid]);
    expect(await hostStatus()).toMatchObject({ state: 'ok', resident: true });
    const page = await browser.context.newPage();
    await page.goto(POPUP_URL);
    expect(await page.locator('#host-status').innerText()).toMatch(/^stsbridge \d+\.\d+\.\d+ on this computer: connected\.$/);
    await page.close();
    const socket = path.join(browser.runtimeDir, 'stsbridge', `host-${pid}.sock`);
    expect(await askSocket(socket, { id: 's', type: 'ping' })).toMatchObject({ ok: true, id: 's', pid, protocol: PROTOCOL_VERSION, socket });
  });

  it('lands ten logins fired together through the one port', async () => {
    const [pid] = browser.hostPids();
    const first = index + 1;
    index += 10;
    const urls = Array.from({ length: 10 }, (_, offset) => oneRoleLogin(fake, first + offset));
    const pages = await Promise.all(urls.map(() => browser.context.newPage()));
    await Promise.all(pages.map((page, offset) => page.goto(urls[offset]!)));
    const profiles = urls.map((_, offset) => `${role(first + offset).accountId}-Admin`);
    await until(
      () => Promise.all(profiles.map((profile) => readWithSdk(browser.credentialsFile, profile).then((read) => read.accessKeyId, () => undefined))),
      (keys) => keys.every((key) => key !== undefined),
      'profiles in the file',
    );
    for (const [offset, profile] of profiles.entries()) await expectReadBack(browser.credentialsFile, profile, issuedFor(fake, first + offset));
    expect(browser.hostPids()).toEqual([pid]);
    await Promise.all(pages.map((page) => page.close()));
  });

  it('lands the next login after the host is killed', async () => {
    const [killed] = browser.hostPids();
    process.kill(killed!, 'SIGKILL');
    await until(() => alive(killed!), (running) => !running, 'the killed host');
    await loginOnce();
    const pids = browser.hostPids();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(killed);
  });

  it('runs the next login on a host installed over the running one, which then exits', async () => {
    const [old] = browser.hostPids();
    const version = (await hostStatus())!.version!;
    // What ./install-host.sh does: a new file renamed over the old one. Only the version differs.
    const next = `${version}-reinstalled`;
    const text = readFileSync(browser.hostFile, 'utf8');
    expect(text).toContain(`version: ${JSON.stringify(version)}`);
    writeFileSync(`${browser.hostFile}.tmp`, text.replace(`version: ${JSON.stringify(version)}`, `version: ${JSON.stringify(next)}`), { mode: 0o755 });
    renameSync(`${browser.hostFile}.tmp`, browser.hostFile);
    await loginOnce();
    expect(await hostStatus()).toMatchObject({ state: 'ok', version: next, resident: true });
    await until(() => alive(old!), (running) => !running, 'the replaced host');
    expect(browser.hostPids()).toHaveLength(1);
  });

  it('with the option off, starts a host for each login and leaves none running', async () => {
    await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, keepHostRunning: false } }));
    await until(() => browser.hostPids(), (pids) => pids.length === 0, 'host processes after turning the option off');
    await loginOnce();
    expect(await hostStatus()).toMatchObject({ state: 'ok' });
    expect((await hostStatus())!.resident).toBeUndefined();
    await until(() => browser.hostPids(), (pids) => pids.length === 0, 'host processes after the login');
    const page = await browser.context.newPage();
    await page.goto(POPUP_URL);
    expect(await page.locator('#host-status').innerText()).toMatch(/starts for each sign-in/);
    await page.close();
    await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, keepHostRunning: true } }));
    await until(() => browser.hostPids(), (pids) => pids.length === 1, 'host processes after turning the option on');
  });
});

describe.skipIf(!ready)('closing the browser', () => {
  it('leaves no host process behind within 2 s', async () => {
    const fake = await startFakeAws();
    try {
      const browser = await launchBrowser(fake);
      const hostFile = browser.hostFile;
      const pids = await until(() => browser.hostPids(), (found) => found.length === 1, 'host processes');
      await browser.close();
      const closedAt = Date.now();
      await until(() => processesRunning(hostFile).filter((pid) => pids.includes(pid)), (left) => left.length === 0, 'hosts after the browser closed', 2_000);
      expect(Date.now() - closedAt).toBeLessThan(2_000);
    } finally {
      await fake.close();
    }
  });
});
