// The warning before credentials expire, in real Chromium: an alarm per expiry time, set 10
// minutes ahead, that raises a notification naming the profiles, with a way back to the IdP.

import { describe, expect, it } from 'vitest';
import { chromiumAvailable, OPTIONS_URL, type BrowserSession } from './browser';
import type { FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import { providerArn, roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };
const dev: TestRole = { accountId: '444455556666', roleName: 'Dev' };
const ISSUER = 'https://idp.example.test/saml';

describe.skipIf(!chromiumAvailable())('before credentials expire', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser((started, session) => {
    fake = started;
    browser = session;
  });

  it('sets an alarm 10 minutes ahead of each expiry, and warns with a notification when it fires', async () => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), pairs: [{ roleArn: roleArn(admin), principalArn: providerArn(admin) }] });
    const record = await browser.login(url);
    const expiration = record.results[0]!.expiration!;
    const alarms = () => browser.extensionPage.evaluate(() => chrome.alarms.getAll());
    await expect.poll(alarms).toEqual([expect.objectContaining({ name: `expiry-warning:${expiration}`, scheduledTime: Date.parse(expiration) - 600_000 })]);

    // Credentials that expire in 10 minutes and 2 seconds: as if this login were 50 minutes old.
    fake.setCredentialLifetime(602);
    const soon = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), pairs: [{ roleArn: roleArn(admin), principalArn: providerArn(admin) }] }));
    const soonExpiry = soon.results[0]!.expiration!;
    // The first expiry was refreshed away: only the new one is planned.
    await expect.poll(async () => (await alarms()).map((alarm) => alarm.name)).toEqual([`expiry-warning:${soonExpiry}`]);
    const notifications = () => browser.extensionPage.evaluate(() => chrome.notifications.getAll());
    await expect.poll(notifications, { timeout: 20_000 }).toHaveProperty([`expiry-warning:${soonExpiry}`]);
  });

  it("remembers where each identity provider's sign-in started, through AWS's role page, and takes an address per provider", async () => {
    const providers = () => browser.extensionPage.evaluate(async () => (await chrome.storage.local.get('identityProviders')).identityProviders);
    await expect.poll(providers).toEqual({ [ISSUER]: { startPage: 'https://idp.example.test/', seenAt: expect.any(String) } });

    // A several-role login: the second POST comes from AWS's role page, whose address is not the
    // identity provider's and must not replace it.
    const page = await browser.context.newPage();
    const since = new Date().toISOString();
    await page.goto(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin), roleValue(dev)] }), pairs: [admin, dev].map((role) => ({ roleArn: roleArn(role), principalArn: providerArn(role) })) }));
    await browser.waitForLogin(since, ['choose-role']);
    await page.check(`input[value="${roleArn(dev)}"]`);
    const chosenAt = new Date().toISOString();
    await page.click('#signin_button');
    expect((await browser.waitForLogin(chosenAt)).state).toBe('done');
    await page.close();
    await expect.poll(async () => ((await providers()) as Record<string, { seenAt: string }>)[ISSUER]!.seenAt >= chosenAt).toBe(true);
    expect(await providers()).toEqual({ [ISSUER]: { startPage: 'https://idp.example.test/', seenAt: expect.any(String) } });

    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    const row = options.locator(`#idps tr[data-issuer="${ISSUER}"]`);
    expect(await row.locator('th').innerText()).toContain('last sign-in started at https://idp.example.test/');
    expect(await row.locator('input').getAttribute('placeholder')).toBe('https://idp.example.test/');
    await row.locator('input').fill('idp.example.test/aws');
    await options.click('#save');
    await expect.poll(() => options.locator('#loginUrls-error').innerText()).toMatch(/^Not saved: "idp.example.test\/aws" \(for https:\/\/idp.example.test\/saml\) is not an https:\/\/ address/);
    await row.locator('input').fill('https://idp.example.test/home/amazon_aws/272');
    await options.click('#save');
    await expect.poll(() => options.locator('#save-status').innerText()).toBe('Saved. The next login uses these settings.');
    expect(await options.evaluate(async () => ((await chrome.storage.sync.get('settings')).settings as { loginUrls: unknown }).loginUrls)).toEqual({
      [ISSUER]: 'https://idp.example.test/home/amazon_aws/272',
    });
    await options.close();
  });
});
