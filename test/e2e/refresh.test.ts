// Refreshing from the command line, in real Chromium: `stsbridge refresh` and `stsbridge
// credentials` ask the resident host on its socket; the extension signs in again through the
// identity provider's session, in a minimized window it closes; the IdP stand-in keeps that
// session in a cookie. When the session has ended, the window closes within the limit, a
// notification says so, and no further attempt is made.

import { spawn } from 'node:child_process';
import { COMMAND_TIME, runCommand as run } from '../run-command';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageKeys } from '../aged-keys';
import { HOST_BUNDLE } from '../host-process';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { AWS_CLI, boto3, has } from '../requirements';
import { expectReadBack } from './aws-clients';
import { e2eReady, OPTIONS_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws, type IdpSession } from './fake-aws/server';
import type { IssuedCredentials } from './fake-aws/sts';
import { recordNotifications, shownNotification } from './notifications';
import { sharedBrowser } from './suite';

const ISSUER = 'https://idp.example.test/saml';
const deploy: TestRole = { accountId: '555566667777', roleName: 'Deploy' };
const PROFILE = '555566667777-Deploy';
const SILENT_SECONDS = 5;

describe.skipIf(!e2eReady())('refreshing from the command line, through the browser', () => {
  let fake: FakeAws;
  let browser: BrowserSession;
  let worker: Worker;
  let session: IdpSession;
  /** The terminal's environment: this browser's socket folder and AWS files (the host's, by HOME). */
  const env = () => ({ PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile });
  const stsbridge = (...args: string[]) => run(process.execPath, [HOST_BUNDLE, ...args], env());
  const issued = (): IssuedCredentials => fake.stsCalls.filter((call) => call.params.RoleArn === roleArn(deploy) && call.credentials).at(-1)!.credentials!;
  const windows = () => browser.extensionPage.evaluate(async () => (await chrome.windows.getAll()).length);
  const signIn = async () => expect(await browser.login(session.signInUrl)).toMatchObject({ state: 'done', results: [{ profile: PROFILE, state: 'written' }] });

  const cacheFile = () => path.join(browser.home, '.aws', 'stsbridge', 'credentials');
  /** A console sign-in whose keys expire `seconds` from now; later ones get STS's usual hour. */
  const signInExpiringIn = async (seconds: number) => {
    fake.setCredentialLifetime(seconds);
    try {
      await signIn();
    } finally {
      fake.setCredentialLifetime(undefined);
    }
  };

  sharedBrowser((started, opened) => {
    fake = started;
    browser = opened;
    worker = opened.context.serviceWorkers()[0]!;
  });
  /** The options this suite runs with, and `extra` on top. */
  const setSettings = (extra: Record<string, unknown>) =>
    browser.extensionPage.evaluate(
      ([issuer, start, seconds, more]) => chrome.storage.sync.set({ settings: { schema: 1, loginUrls: { [issuer]: start }, silentSignInSeconds: seconds, ...more } }),
      [ISSUER, session.startUrl, SILENT_SECONDS, extra] as const,
    );
  beforeAll(async () => {
    session = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue(deploy)] }), stsHost: GLOBAL_STS });
    await setSettings({});
    await recordNotifications(worker);
  });

  it('signs in silently for `stsbridge refresh` in an unfocused popup window, writes new keys, and leaves no window open', async () => {
    await signIn();
    const before = issued();
    const baseline = await windows();
    // The window as the browser made it: the least a person can notice. (It is asked for
    // minimized too, but headless Chromium has no minimized popup windows: it reports them normal.)
    await browser.extensionPage.evaluate(() => {
      const seen: Array<Pick<chrome.windows.Window, 'type' | 'focused'>> = [];
      (globalThis as { silentWindows?: typeof seen }).silentWindows = seen;
      chrome.windows.onCreated.addListener(({ type, focused }) => void seen.push({ type, focused }));
    });
    const refreshed = await stsbridge('refresh', PROFILE);
    expect(refreshed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${PROFILE}: refreshed, valid until ${COMMAND_TIME}\\n$`)), stderr: '' });
    expect(session.silentPosts).toBe(1);
    const after = issued();
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, PROFILE, after);
    await expect.poll(windows).toBe(baseline);
    expect(await browser.extensionPage.evaluate(() => (globalThis as { silentWindows?: unknown[] }).silentWindows)).toEqual([{ type: 'popup', focused: false }]);
  });

  it('serves twenty `stsbridge credentials` started together near expiry with one silent sign-in and one STS call, every caller the same new keys', async () => {
    // 12 minutes left: inside the 15-minute window, as when Terraform's providers start together.
    await signInExpiringIn(720);
    ageKeys(browser.credentialsFile);
    const old = issued();
    const baseline = await windows();
    const [posts, stsCalls] = [session.silentPosts, fake.stsCalls.length];
    const runs = await Promise.all(Array.from({ length: 20 }, () => stsbridge('credentials', PROFILE)));
    const fresh = issued();
    expect(fresh.accessKeyId).not.toBe(old.accessKeyId);
    expect({ idpVisits: session.silentPosts - posts, stsCalls: fake.stsCalls.length - stsCalls }).toEqual({ idpVisits: 1, stsCalls: 1 });
    const printed = { Version: 1, AccessKeyId: fresh.accessKeyId, SecretAccessKey: fresh.secretAccessKey, SessionToken: fresh.sessionToken, Expiration: fresh.expiration };
    for (const run of runs) expect({ code: run.code, stderr: run.stderr, printed: JSON.parse(run.stdout) as unknown }).toEqual({ code: 0, stderr: '', printed });
    await expect.poll(windows).toBe(baseline);
  });

  it('makes a process profile with `stsbridge setup`, which the AWS CLI refreshes through credential_process when its keys are near expiry', async () => {
    await signInExpiringIn(600);
    const nearExpiry = issued();
    const posts = session.silentPosts;
    expect(await stsbridge('setup', PROFILE)).toMatchObject({ code: 0, stderr: '' });
    ageKeys(cacheFile());
    // The precedence trap is closed: no keys of that name are left in the credentials file.
    expect(readFileSync(browser.credentialsFile, 'utf8')).not.toContain(`[${PROFILE}]`);
    const cli = await run(AWS_CLI, ['configure', 'export-credentials', '--profile', PROFILE, '--format', 'process'], env());
    expect(cli.code).toBe(0);
    const fresh = issued();
    expect(fresh.accessKeyId).not.toBe(nearExpiry.accessKeyId);
    expect(JSON.parse(cli.stdout)).toEqual({
      Version: 1,
      AccessKeyId: fresh.accessKeyId,
      SecretAccessKey: fresh.secretAccessKey,
      SessionToken: fresh.sessionToken,
      Expiration: fresh.expiration.replace(/Z$/, '+00:00'),
    });
    expect(session.silentPosts).toBe(posts + 1);
    // The refresh landed in stsbridge's cache, not in the credentials file.
    expect(readFileSync(browser.credentialsFile, 'utf8')).not.toContain(fresh.accessKeyId);
  });

  it.runIf(has(boto3))('gives a long-lived boto3 session on a process profile new keys when botocore refreshes them', async () => {
    // Credentials that land inside botocore's 15-minute advisory window: each time the session
    // asks for them, botocore runs credential_process, and stsbridge refreshes through the browser.
    fake.setCredentialLifetime(700);
    try {
      await signIn();
      const script = [
        'import boto3, json, sys',
        'credentials = boto3.Session(profile_name=sys.argv[1]).get_credentials()',
        'def show():',
        '    frozen = credentials.get_frozen_credentials()',
        "    print(json.dumps({'key': frozen.access_key, 'secret': frozen.secret_key, 'token': frozen.token}), flush=True)",
        'show()',
        'sys.stdin.readline()',
        'show()',
      ].join('\n');
      const python = spawn('/usr/bin/python3', ['-c', script, PROFILE], { env: env() });
      const lines: string[] = [];
      python.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      await expect.poll(() => lines.length, { timeout: 30_000 }).toBe(1);
      const first = issued();
      const asIssued = (credentials: IssuedCredentials) => ({ key: credentials.accessKeyId, secret: credentials.secretAccessKey, token: credentials.sessionToken });
      expect(JSON.parse(lines[0]!)).toEqual(asIssued(first));
      const posts = session.silentPosts;
      ageKeys(cacheFile());
      python.stdin.end('\n');
      await expect.poll(() => lines.length, { timeout: 30_000 }).toBe(2);
      const second = issued();
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      expect(JSON.parse(lines[1]!)).toEqual(asIssued(second));
      expect(session.silentPosts).toBe(posts + 1);
    } finally {
      fake.setCredentialLifetime(undefined);
    }
  });

  it('keeps a profile fresh before it expires, with no command run, and leaves no window open', async () => {
    const baseline = await windows();
    await setSettings({ keepFresh: [ISSUER] });
    // Keys that expire 10 minutes and 4 seconds from now: keeping fresh signs in again in 4 s.
    await signInExpiringIn(604);
    const signedIn = issued();
    const posts = session.silentPosts;
    try {
      await expect.poll(() => issued().accessKeyId, { timeout: 30_000 }).not.toBe(signedIn.accessKeyId);
    } finally {
      await setSettings({});
    }
    const kept = issued();
    // STS has answered; the keys land in stsbridge's cache (a process profile) a moment later.
    await expect.poll(() => readFileSync(cacheFile(), 'utf8')).toContain(kept.sessionToken);
    const read = await stsbridge('credentials', PROFILE);
    // Fresh for an hour: the command had nothing to refresh.
    expect(session.silentPosts).toBe(posts + 1);
    expect(JSON.parse(read.stdout)).toEqual({ Version: 1, AccessKeyId: kept.accessKeyId, SecretAccessKey: kept.secretAccessKey, SessionToken: kept.sessionToken, Expiration: kept.expiration });
    await expect.poll(windows).toBe(baseline);
    // The popup says how: a silent sign-in.
    await browser.extensionPage.reload();
    await expect.poll(() => browser.extensionPage.locator(`li[data-profile="${PROFILE}"] .refreshed`).textContent()).toMatch(/^Refreshed by silent sign-in at \d{1,2}:\d\d/);
  });

  it("refreshes from the popup's Refresh now, and says so", async () => {
    const before = issued();
    const popup = browser.extensionPage;
    await popup.reload();
    await popup.getByRole('button', { name: `Refresh ${PROFILE} now` }).click();
    await expect.poll(() => popup.locator('#copy-status').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Refreshed ${PROFILE}; valid until \\d{1,2}:\\d\\d( [AP]M)?\\.$`));
    const after = issued();
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect(JSON.parse((await stsbridge('credentials', PROFILE)).stdout)).toMatchObject({ AccessKeyId: after.accessKeyId, SecretAccessKey: after.secretAccessKey, SessionToken: after.sessionToken });
  });

  it('moves the profile between the credentials file and credential_process from the options page', async () => {
    const options = await browser.context.newPage();
    try {
      await options.goto(OPTIONS_URL);
      await options.click('#load-managed');
      const item = options.locator(`#managed li[data-profile="${PROFILE}"]`);
      await expect.poll(() => item.innerText()).toContain('refreshes itself for AWS tools (credential_process)');
      await item.getByRole('button', { name: `Back to the credentials file: ${PROFILE}` }).click();
      await expect.poll(() => options.locator('#managed-status').innerText()).toBe(`${PROFILE} is in the credentials file again.`);
      const now = issued();
      await expectReadBack(browser.credentialsFile, PROFILE, now);
      await expect.poll(() => item.innerText()).toContain('in the credentials file');
      await item.getByRole('button', { name: `Let AWS tools refresh it (credential_process): ${PROFILE}` }).click();
      await expect.poll(() => options.locator('#managed-status').innerText()).toMatch(new RegExp(`^${PROFILE} now refreshes itself`));
      expect(readFileSync(browser.credentialsFile, 'utf8')).not.toContain(now.accessKeyId);
      const cli = await run(AWS_CLI, ['configure', 'export-credentials', '--profile', PROFILE, '--format', 'process'], env());
      expect(JSON.parse(cli.stdout)).toMatchObject({ AccessKeyId: now.accessKeyId, SecretAccessKey: now.secretAccessKey, SessionToken: now.sessionToken });
    } finally {
      await options.close();
    }
  });

  it('when the session has ended: closes the window within the limit, says so, and tries no more until the person signs in', async () => {
    session.end();
    const baseline = await windows();
    const failed = await stsbridge('refresh', PROFILE);
    expect(failed.code).toBe(1);
    // The window's page is not readable here (no site allowed): the address, which signed in
    // before, sending nothing is what says the session ended.
    expect(failed.stderr).toMatch(new RegExp(`^${PROFILE}: not refreshed: your session at idp\\.example\\.test has ended: the address that signed you in before sent nothing to AWS\\.`));
    expect(failed.ms).toBeLessThan((SILENT_SECONDS + 10) * 1000);
    expect(session.formsShown).toBe(1);
    await expect.poll(windows).toBe(baseline);
    const id = `idp-session:${session.startUrl}`;
    await expect.poll(() => shownNotification(worker, id)).toMatchObject({ title: 'Your identity provider wants you to sign in', buttons: ['Sign in'] });

    // No loop: the next request does not open the sign-in form again.
    const again = await stsbridge('refresh', PROFILE);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('has ended; sign in there in the browser');
    expect(again.ms).toBeLessThan(SILENT_SECONDS * 1000);
    expect(session.formsShown).toBe(1);

    // The person signs in: silent refreshes work again.
    await signIn();
    const posts = session.silentPosts;
    expect((await stsbridge('refresh', PROFILE)).code).toBe(0);
    expect(session.silentPosts).toBeGreaterThan(posts);
  });

  it('says which profiles this browser does not know', async () => {
    expect(await stsbridge('refresh', 'never-written')).toMatchObject({ code: 1, stderr: 'never-written: not known to the browser: this browser has not written never-written\n' });
  });
});
