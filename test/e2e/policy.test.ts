// Configuration by enterprise policy, in real Chromium: the test's Chromium reads a policy for
// this extension's ID from a policy folder of its own (browser.ts's privatePolicy: a private
// mount namespace, as root; CI is), which no other browser on the machine sees. The policy names accounts, sets and locks the profile-name
// template, gives an identity provider's start address and an OpenID Connect provider (locked),
// and holds one bad value.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_BUNDLE } from '../host-process';
import { runCommand } from '../run-command';
import { roleValue, samlResponse } from '../fixtures/saml';
import { has, rootForMounts } from '../requirements';
import { e2eReady, launchBrowser, OPTIONS_URL, type BrowserSession } from './browser';
import { OIDC_ISSUER } from './fake-aws/oidc';
import { press, recordNotifications, shownNotification } from './notifications';
import { GLOBAL_STS, startFakeAws, type FakeAws, type IdpSession } from './fake-aws/server';

const ISSUER = 'https://idp.example.test/saml';

describe.skipIf(!e2eReady() || !has(rootForMounts))('configuration by enterprise policy', () => {
  let fake: FakeAws;
  let browser: BrowserSession;
  let session: IdpSession;

  beforeAll(async () => {
    fake = await startFakeAws();
    session = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue({ accountId: '343434343434', roleName: 'Deploy' })] }), stsHost: GLOBAL_STS });
    const policy = {
      profileTemplate: '{account_name}-{role_name}',
      accountNames: { '343434343434': 'payments' },
      region: 'not a region',
      identityProviders: [{ issuer: ISSUER, startAddress: session.startUrl }],
      oidcProviders: [{ issuer: OIDC_ISSUER, clientId: 'company-app', roles: ['arn:aws:iam::343434343434:role/WebDeploy'] }],
      locked: ['profileTemplate', 'oidcProviders'],
    };
    browser = await launchBrowser(fake, { policy });
    await recordNotifications(browser.context.serviceWorkers()[0]!);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it("names the profile with the organisation's template and account name", async () => {
    const record = await browser.login(session.signInUrl);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: 'payments-Deploy', state: 'written' }] });
    await browser.extensionPage.reload();
    await expect.poll(() => browser.extensionPage.locator('li[data-profile="payments-Deploy"] .account').textContent()).toBe('Account payments (343434343434)');
  });

  it('shows a locked field read-only, and lists the value it ignored, with why', async () => {
    const options = await browser.context.newPage();
    try {
      await options.goto(OPTIONS_URL);
      await expect.poll(() => options.locator('#profile-template').isDisabled()).toBe(true);
      expect(await options.locator('#profile-template').inputValue()).toBe('{account_name}-{role_name}');
      expect(await options.locator('#profileTemplate-locked').textContent()).toBe('Set by your organisation.');
      expect(await options.locator('#region').isDisabled()).toBe(false);
      // The organisation's OpenID Connect provider, locked: shown, and not to be changed or removed.
      const provider = options.locator('fieldset.oidc-provider');
      expect(await provider.getByLabel('Issuer').inputValue()).toBe(OIDC_ISSUER);
      expect(await provider.getByLabel('Client ID').isDisabled()).toBe(true);
      expect(await options.locator('#add-oidc').isDisabled()).toBe(true);
      expect(await options.locator('#oidcProviders-locked').textContent()).toBe('Set by your organisation.');
      expect(await options.locator('#policy').isVisible()).toBe(true);
      expect(await options.locator('#policy-ignored li').allTextContents()).toEqual(['region was ignored: "not a region" is not an AWS region name such as eu-west-1.']);
    } finally {
      await options.close();
    }
  });

  it("sends the expiry warning's Sign in again to the organisation's start address", async () => {
    // Keys that expire in 10 minutes and 2 seconds: the warning comes in 2 s.
    fake.setCredentialLifetime(602);
    let expiration: string;
    try {
      expiration = (await browser.login(session.signInUrl)).results[0]!.expiration!;
    } finally {
      fake.setCredentialLifetime(undefined);
    }
    const worker = browser.context.serviceWorkers()[0]!;
    const id = `expiry-warning:${expiration}`;
    await expect.poll(() => shownNotification(worker, id), { timeout: 20_000 }).toMatchObject({ buttons: ['Sign in again'] });
    expect(await press(browser, worker, id, 0)).toBe(session.startUrl);
  });

  it("offers the organisation's OpenID Connect provider in the popup", async () => {
    await browser.extensionPage.reload();
    await expect.poll(() => browser.extensionPage.getByRole('button', { name: 'Sign in with oidc.example.test' }).isVisible()).toBe(true);
  });

  it("signs in silently at the organisation's start address, not at the page a sign-in started from", async () => {
    // The sign-in above started from the IdP's origin (its Referer), where nothing posts: only
    // the policy's address brings an assertion.
    const env = { PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile };
    const posts = session.silentPosts;
    const refreshed = await runCommand(process.execPath, [HOST_BUNDLE, 'refresh', 'payments-Deploy'], env);
    expect({ code: refreshed.code, stderr: refreshed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(session.silentPosts).toBe(posts + 1);
  });
});
