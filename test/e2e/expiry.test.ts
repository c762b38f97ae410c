// The warning before credentials expire, in real Chromium: an alarm per expiry time, set 10
// minutes ahead, that raises a notification naming the profiles, with a way back to the IdP.
//
// Chrome offers no way to read a notification's words or press its button from outside, so the
// test does both from inside the worker, with the browser's own APIs and no hook in the product:
// it records what is passed to chrome.notifications.create (wrapped before the extension first
// uses it), and presses a button by dispatching chrome.notifications.onButtonClicked, which runs
// the extension's real listener. What the click opens is the tab that appears.

import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eReady, OPTIONS_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import { press, recordNotifications, shownNotification } from './notifications';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };
const dev: TestRole = { accountId: '444455556666', roleName: 'Dev' };
const ISSUER = 'https://idp.example.test/saml';


describe.skipIf(!e2eReady())('before credentials expire', () => {
  let fake: FakeAws;
  let browser: BrowserSession;
  let worker: Worker;

  sharedBrowser(async (started, session) => {
    fake = started;
    browser = session;
    worker = session.context.serviceWorkers()[0]!;
    await recordNotifications(worker);
  });

  it('sets an alarm 10 minutes ahead of each expiry, and warns with a notification when it fires', async () => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS });
    const record = await browser.login(url);
    const expiration = record.results[0]!.expiration!;
    const alarms = () => browser.extensionPage.evaluate(() => chrome.alarms.getAll());
    await expect.poll(alarms).toEqual([expect.objectContaining({ name: `expiry-warning:${expiration}`, scheduledTime: Date.parse(expiration) - 600_000 })]);

    // Credentials that expire in 10 minutes and 2 seconds: as if this login were 50 minutes old.
    fake.setCredentialLifetime(602);
    const soon = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS }));
    const soonExpiry = soon.results[0]!.expiration!;
    // The first expiry was refreshed away: only the new one is planned.
    await expect.poll(async () => (await alarms()).map((alarm) => alarm.name)).toEqual([`expiry-warning:${soonExpiry}`]);
    const id = `expiry-warning:${soonExpiry}`;
    const notifications = () => browser.extensionPage.evaluate(() => chrome.notifications.getAll());
    await expect.poll(notifications, { timeout: 20_000 }).toHaveProperty([id]);
    expect(await shownNotification(worker, id)).toEqual({
      id,
      title: 'AWS credentials expire in 10 minutes',
      message: '111122223333-Admin. Sign in to the AWS console again to refresh them.',
      buttons: ['Sign in again'],
    });
    // Pressed, it goes back to where this identity provider's sign-in started, and goes away.
    expect(await press(browser, worker, id, 0)).toBe('https://idp.example.test/');
    await expect.poll(notifications).not.toHaveProperty([id]);
  });

  it("remembers where each identity provider's sign-in started, through AWS's role page, and takes an address per provider", async () => {
    const providers = () => browser.extensionPage.evaluate(async () => (await chrome.storage.local.get('identityProviders')).identityProviders);
    // Asked once for the AWS app's address, which nothing in a sign-in through it shows.
    await expect.poll(providers).toEqual({ [ISSUER]: { startPage: 'https://idp.example.test/', startPageAt: expect.any(String), seenAt: expect.any(String), askedAt: expect.any(String) } });
    // Learned: the worker stops holding sign-in POSTs for their headers (capture/start-page.ts).
    await expect.poll(() => worker.evaluate(() => chrome.webRequest.onSendHeaders.hasListeners())).toBe(false);

    // A several-role login: the second POST comes from AWS's role page, whose address is not the
    // identity provider's and must not replace it.
    const page = await browser.context.newPage();
    const since = new Date().toISOString();
    await page.goto(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin), roleValue(dev)] }), stsHost: GLOBAL_STS }));
    await browser.waitForLogin(since, ['choose-role']);
    await page.check(`input[value="${roleArn(dev)}"]`);
    const chosenAt = new Date().toISOString();
    await page.click('#signin_button');
    expect((await browser.waitForLogin(chosenAt)).state).toBe('done');
    await page.close();
    await expect.poll(async () => ((await providers()) as Record<string, { seenAt: string }>)[ISSUER]!.seenAt >= chosenAt).toBe(true);
    expect(await providers()).toEqual({ [ISSUER]: { startPage: 'https://idp.example.test/', startPageAt: expect.any(String), seenAt: expect.any(String), askedAt: expect.any(String) } });

    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    const row = options.locator(`#idps tr[data-issuer="${ISSUER}"]`);
    expect(await row.locator('th').innerText()).toContain('last sign-in started at https://idp.example.test/');
    const address = row.locator('input.idp-address');
    expect(await address.getAttribute('placeholder')).toBe('https://idp.example.test/');
    await address.fill('idp.example.test/aws');
    await options.click('#save');
    await expect.poll(() => options.locator('#loginUrls-error').innerText()).toMatch(/^Not saved: "idp.example.test\/aws" \(for https:\/\/idp.example.test\/saml\) is not an https:\/\/ address/);
    await address.fill('https://idp.example.test/home/amazon_aws/272');
    await options.getByRole('checkbox', { name: `Keep the profiles of ${ISSUER} fresh` }).check();
    await options.click('#save');
    // A save waits for the browser's policy service, which answers only seconds after the browser starts.
    await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    const saved = await options.evaluate(async () => (await chrome.storage.sync.get('settings')).settings as { loginUrls: unknown; keepFresh: unknown });
    expect({ loginUrls: saved.loginUrls, keepFresh: saved.keepFresh }).toEqual({ loginUrls: { [ISSUER]: 'https://idp.example.test/home/amazon_aws/272' }, keepFresh: [ISSUER] });
    // Kept fresh, its profiles would get no expiry warning, which the next test is about.
    await options.getByRole('checkbox', { name: `Keep the profiles of ${ISSUER} fresh` }).uncheck();
    await options.click('#save');
    await expect.poll(async () => ((await options.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)) as { keepFresh: unknown }).keepFresh).toEqual([]);
    await options.close();
  });

  it("sends the warning's button to the address the options give for that identity provider", async () => {
    // The options now hold an address for this issuer (the test before): it wins over the start page.
    fake.setCredentialLifetime(602);
    const record = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(dev)] }), stsHost: GLOBAL_STS }));
    const id = `expiry-warning:${record.results[0]!.expiration!}`;
    await expect.poll(() => shownNotification(worker, id), { timeout: 20_000 }).toMatchObject({
      title: 'AWS credentials expire in 10 minutes',
      message: '444455556666-Dev. Sign in to the AWS console again to refresh them.',
      buttons: ['Sign in again'],
    });
    expect(await press(browser, worker, id, 0)).toBe('https://idp.example.test/home/amazon_aws/272');
  });
});
