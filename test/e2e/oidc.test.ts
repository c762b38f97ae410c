// OpenID Connect sign-in in real Chromium, headless: chrome.identity.launchWebAuthFlow runs here
// without a display (its window is a page Playwright sees, where the test types into the
// provider's sign-in form), so no xvfb is needed. The provider stand-in keeps its session in a
// cookie, checks PKCE, the redirect URI and the client ID; the STS stand-in verifies each ID
// token against the provider's keys. Credentials are read back by the SDK and the AWS CLI.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../native-host/protocol';
import { HOST_BUNDLE } from '../host-process';
import { COMMAND_TIME, runCommand as run } from '../run-command';
import { AWS_CLI, expectReadBack } from './aws-clients';
import { e2eReady, OPTIONS_URL, POPUP_URL, type BrowserSession } from './browser';
import { OIDC_ISSUER, type Tamper } from './fake-aws/oidc';
import type { FakeAws } from './fake-aws/server';
import type { IssuedCredentials } from './fake-aws/sts';
import { recordNotifications, shownNotification } from './notifications';
import { screenshot } from './screenshot';
import { sharedBrowser } from './suite';

const CLIENT_ID = 'stsbridge-e2e';
const DEV = 'arn:aws:iam::111122223333:role/WebDev';
const OPS = 'arn:aws:iam::444455556666:role/WebOps';
const DEV_PROFILE = '111122223333-WebDev';
const OPS_PROFILE = '444455556666-WebOps';
const SIGN_IN_BUTTON = 'Sign in with oidc.example.test';

describe.skipIf(!e2eReady())('OpenID Connect sign-in, in real Chromium', () => {
  let fake: FakeAws;
  let browser: BrowserSession;
  let worker: Worker;
  let popup: Page;
  const env = () => ({ PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile });
  const stsbridge = (...args: string[]) => run(process.execPath, [HOST_BUNDLE, ...args], env());
  const issued = (role: string): IssuedCredentials | undefined =>
    fake.stsCalls.filter((call) => call.params.Action === 'AssumeRoleWithWebIdentity' && call.params.RoleArn === role && call.credentials).at(-1)?.credentials;
  const formsShown = () => fake.oidc.authorizeRequests.filter((request) => request.formShown).length;

  /** The provider's sign-in window, once launchWebAuthFlow has opened it. */
  async function providerWindow(): Promise<Page> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(50)) {
      const window = browser.context.pages().find((page) => page.url().startsWith(`${OIDC_ISSUER}/authorize`));
      if (window) return window;
    }
    throw new Error('launchWebAuthFlow opened no window at the provider within 15 s');
  }

  /** The person types their password into the provider's window. */
  async function signInAtProvider(): Promise<void> {
    const window = await providerWindow();
    await window.fill('input[name=password]', 'correct horse battery staple');
    await window.click('#sign-in');
  }

  /** Clicks *Sign in with …* in the popup and waits for that login's record. */
  async function clickSignIn(options: { provider?: () => Promise<void> } = {}) {
    const since = new Date().toISOString();
    await popup.getByRole('button', { name: SIGN_IN_BUTTON }).click();
    await options.provider?.();
    return browser.waitForLogin(since);
  }

  sharedBrowser(async (started, opened) => {
    fake = started;
    browser = opened;
    worker = opened.context.serviceWorkers()[0]!;
    popup = opened.extensionPage;
    fake.addOidcClient({ clientId: CLIENT_ID, redirectUris: [`https://${EXTENSION_ID}.chromiumapp.org/`], origins: [`chrome-extension://${EXTENSION_ID}`] });
    fake.trustWebIdentity(DEV, CLIENT_ID);
    fake.trustWebIdentity(OPS, CLIENT_ID);
    await recordNotifications(worker);
  });

  beforeAll(async () => {
    // The person adds the provider on the options page; its configuration is checked on save.
    const options = await browser.context.newPage();
    try {
      await options.goto(OPTIONS_URL);
      // (beforeAll cannot use expect.poll: the page is waited on instead.)
      const waitForText = (selector: string, pattern: RegExp) =>
        options.waitForFunction(([wanted, source]) => new RegExp(source).test(document.querySelector(wanted)?.textContent ?? ''), [selector, pattern.source] as const, { timeout: 15_000 });
      await waitForText('#oidc-redirect', new RegExp(`^https://${EXTENSION_ID}\\.chromiumapp\\.org/$`));
      await options.click('#add-oidc');
      const group = options.locator('fieldset.oidc-provider').last();
      await group.getByLabel('Issuer').fill('https://oidc.example.test/tenant-that-is-not-there');
      await group.getByLabel('Client ID').fill(CLIENT_ID);
      await group.getByLabel('Roles').fill(`${DEV}\n${OPS}`);
      await options.click('#save');
      // An issuer with no configuration is not saved, and the page says why.
      await waitForText('#oidcProviders-error', /^Not saved: No OpenID configuration could be read from https:\/\/oidc\.example\.test\/tenant-that-is-not-there\/\.well-known\/openid-configuration: most often the provider does not let this extension read it \(CORS: allow the origin chrome-extension:\/\/[a-p]{32} for the discovery document as well as the token endpoint\); else check the issuer address/);
      await group.getByLabel('Issuer').fill(OIDC_ISSUER);
      await options.click('#save');
      await waitForText('#save-status', /^Saved\. The next login uses these settings\.$/);
      await options.locator('fieldset.oidc-provider').scrollIntoViewIfNeeded();
      await screenshot(options, 'options-oidc');
      expect(await options.locator('#oidcProviders-error').textContent()).toBe('');
    } finally {
      await options.close();
    }
    await popup.goto(POPUP_URL);
  });

  it('signs in from the popup with the provider\'s form, and every role lands, as STS issued it', async () => {
    const record = await clickSignIn({ provider: signInAtProvider });
    expect(record).toMatchObject({ state: 'done', issuer: OIDC_ISSUER });
    expect(record.results.map((result) => [result.profile, result.state])).toEqual([[DEV_PROFILE, 'written'], [OPS_PROFILE, 'written']]);
    expect(formsShown()).toBe(1);
    await screenshot(popup, 'popup-oidc');
    for (const [role, profile] of [[DEV, DEV_PROFILE], [OPS, OPS_PROFILE]] as const) await expectReadBack(browser.credentialsFile, profile, issued(role)!);
    const call = fake.stsCalls.find((entry) => entry.params.RoleArn === DEV && entry.credentials)!;
    expect(call).toMatchObject({ host: 'sts.us-east-1.amazonaws.com', params: { RoleSessionName: fake.oidc.person.email } });
    // The token went to STS and nowhere else: not into the extension's storage.
    const token = call.params.WebIdentityToken!;
    const stored = await popup.evaluate(async () => JSON.stringify([await chrome.storage.local.get(), await chrome.storage.sync.get(), await chrome.storage.session.get()]));
    expect(stored).not.toContain(token.split('.')[1]);
  });

  it('signs in again without a form while the provider\'s session lives', async () => {
    const before = issued(DEV)!;
    const record = await clickSignIn();
    expect(record.state).toBe('done');
    expect(formsShown()).toBe(1);
    expect(fake.oidc.authorizeRequests.at(-1)).toMatchObject({ session: true, formShown: false });
    const after = issued(DEV)!;
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, DEV_PROFILE, after);
  });

  it('refreshes for `stsbridge refresh` without a window (prompt=none)', async () => {
    const before = issued(OPS)!;
    const pages = browser.context.pages().length;
    const refreshed = await stsbridge('refresh', OPS_PROFILE);
    expect(refreshed).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${OPS_PROFILE}: refreshed, valid until ${COMMAND_TIME}\\n$`)), stderr: '' });
    expect(fake.oidc.authorizeRequests.at(-1)).toEqual({ session: true, prompt: 'none', formShown: false });
    const after = issued(OPS)!;
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, OPS_PROFILE, after);
    expect(browser.context.pages()).toHaveLength(pages);
  });

  it("refreshes from the popup's Refresh now, without a window", async () => {
    const before = issued(DEV)!;
    await popup.reload();
    await popup.getByRole('button', { name: `Refresh ${DEV_PROFILE} now` }).click();
    await expect.poll(() => popup.locator('#copy-status').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^Refreshed ${DEV_PROFILE}; valid until `));
    expect(fake.oidc.authorizeRequests.at(-1)).toEqual({ session: true, prompt: 'none', formShown: false });
    const after = issued(DEV)!;
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, DEV_PROFILE, after);
  });

  it('keeps its profiles fresh before they expire, with no command run and no window', async () => {
    // What the editor's Keep fresh box saves: the issuer in the settings' keepFresh list.
    const keepFresh = (issuers: string[]) =>
      popup.evaluate(async (next) => {
        const { settings: stored } = await chrome.storage.sync.get('settings');
        await chrome.storage.sync.set({ settings: { ...(stored as object), keepFresh: next } });
      }, issuers);
    await keepFresh([OIDC_ISSUER]);
    const pages = browser.context.pages().length;
    // Keys that expire 10 minutes and 4 seconds from now: keeping fresh signs in again in 4 s.
    fake.setCredentialLifetime(604);
    let signedIn: IssuedCredentials;
    try {
      expect((await clickSignIn()).state).toBe('done');
      signedIn = issued(DEV)!;
    } finally {
      fake.setCredentialLifetime(undefined);
    }
    try {
      await expect.poll(() => issued(DEV)!.accessKeyId, { timeout: 30_000 }).not.toBe(signedIn.accessKeyId);
    } finally {
      await keepFresh([]);
    }
    expect(fake.oidc.authorizeRequests.at(-1)).toEqual({ session: true, prompt: 'none', formShown: false });
    await expect.poll(() => readFileSync(browser.credentialsFile, 'utf8')).toContain(issued(DEV)!.sessionToken);
    expect(browser.context.pages()).toHaveLength(pages);
  });

  it('makes a process profile with `stsbridge setup`, which the AWS CLI refreshes through credential_process', async () => {
    fake.setCredentialLifetime(600);
    try {
      expect((await clickSignIn()).state).toBe('done');
    } finally {
      fake.setCredentialLifetime(undefined);
    }
    const nearExpiry = issued(OPS)!;
    expect(await stsbridge('setup', OPS_PROFILE)).toMatchObject({ code: 0, stderr: '' });
    const cli = await run(AWS_CLI, ['configure', 'export-credentials', '--profile', OPS_PROFILE, '--format', 'process'], env());
    expect(cli.code).toBe(0);
    const fresh = issued(OPS)!;
    expect(fresh.accessKeyId).not.toBe(nearExpiry.accessKeyId);
    expect(JSON.parse(cli.stdout)).toEqual({ Version: 1, AccessKeyId: fresh.accessKeyId, SecretAccessKey: fresh.secretAccessKey, SessionToken: fresh.sessionToken, Expiration: fresh.expiration.replace(/Z$/, '+00:00') });
    expect(fake.oidc.authorizeRequests.at(-1)).toEqual({ session: true, prompt: 'none', formShown: false });
    // Back to the credentials file, for the tests after this one.
    expect((await stsbridge('setup', OPS_PROFILE, '--mode', 'file')).code).toBe(0);
  });

  it('when the session has ended: says so once, with a Sign in button, tries no more, and the button signs in', async () => {
    fake.endOidcSessions();
    const attempts = fake.oidc.authorizeRequests.length;
    const failed = await stsbridge('refresh', DEV_PROFILE);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`^${DEV_PROFILE}: not refreshed: your session at oidc\\.example\\.test has ended: it asked for a sign-in`));
    expect(fake.oidc.authorizeRequests.slice(attempts)).toEqual([{ session: false, prompt: 'none', formShown: false }]);
    const id = `oidc-session:${OIDC_ISSUER}`;
    expect(await shownNotification(worker, id)).toMatchObject({ title: 'Your identity provider wants you to sign in', buttons: ['Sign in'] });
    // No loop: a second refresh does not ask the provider again.
    expect((await stsbridge('refresh', DEV_PROFILE)).stderr).toMatch(/has ended; sign in with it from stsbridge's popup/);
    expect(fake.oidc.authorizeRequests).toHaveLength(attempts + 1);
    // The button: the person signs in at the provider, and refreshing works again.
    const since = new Date().toISOString();
    await worker.evaluate((wanted) => (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, index: number): void }).dispatch(wanted, 0), id);
    await signInAtProvider();
    expect(await browser.waitForLogin(since)).toMatchObject({ state: 'done' });
    expect((await stsbridge('refresh', DEV_PROFILE)).code).toBe(0);
  });

  it.each<[Tamper, string, RegExp]>([
    ['aud', 'oidc-id-token', /is for another application \(its audience is not stsbridge-e2e\); nothing was sent to AWS/],
    ['expired', 'oidc-id-token', /expired at .*nothing was sent to AWS/],
    // A key the provider never published: only STS can tell, and it refuses.
    ['key', 'sts-rejected', /\(InvalidIdentityToken(Exception)?\): The web identity token signature could not be verified/],
  ])('refuses a token with the wrong %s, says why in the popup, and writes nothing', async (tamper, code, message) => {
    const file = readFileSync(browser.credentialsFile);
    fake.oidc.tamper = tamper;
    try {
      const record = await clickSignIn();
      expect(record).toMatchObject({ state: 'failed', error: { code, message: expect.stringMatching(message) } });
    } finally {
      fake.oidc.tamper = undefined;
    }
    expect(readFileSync(browser.credentialsFile).equals(file)).toBe(true);
    await expect.poll(() => popup.locator('#last-login .error').textContent()).toMatch(message);
  });

  it('says so when the person closes the provider\'s window, and writes nothing', async () => {
    fake.endOidcSessions();
    const file = readFileSync(browser.credentialsFile);
    const record = await clickSignIn({ provider: async () => (await providerWindow()).close() });
    expect(record).toMatchObject({ state: 'failed', error: { code: 'oidc-cancelled', message: 'The sign-in window for https://oidc.example.test was closed before it finished.' } });
    expect(readFileSync(browser.credentialsFile).equals(file)).toBe(true);
    await expect.poll(() => popup.locator('#oidc-status').textContent()).toBe('Not signed in: The sign-in window for https://oidc.example.test was closed before it finished.');
  });
});
