// The daily interface in real Chromium: the popup's profile list, countdown and copy buttons
// (read back from the browser's clipboard and run in a real shell), the options page changing
// what the next login writes, and screenshots of both, light and dark, for people to look at.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { exportLines, profileLine, SHELL_FORMATS } from '../../native-host/export-lines';
import { e2eReady, OPTIONS_URL, POPUP_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws } from './fake-aws/server';
import { screenshot } from './screenshot';
import { sharedBrowser } from './suite';
import type { IssuedCredentials } from './fake-aws/sts';
import { AWS_CLI, expectReadBack } from './aws-clients';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };
const reader: TestRole = { accountId: '444455556666', roleName: 'ReadOnly' };
const ops: TestRole = { accountId: '777788889999', roleName: 'Ops' };

function issuedFor(fake: FakeAws, role: TestRole): IssuedCredentials {
  const call = fake.stsCalls.filter((c) => c.status === 200 && c.params.RoleArn === roleArn(role)).at(-1);
  if (!call?.credentials) throw new Error(`STS issued nothing for ${roleArn(role)}`);
  return call.credentials;
}

describe.skipIf(!e2eReady())('the popup and the options page', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser((started, session) => {
    fake = started;
    browser = session;
  });

  it('lists the profile with a countdown, and copies lines for each shell that work', async () => {
    const record = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS }));
    expect(record.state).toBe('done');
    const issued = issuedFor(fake, admin);
    const credentials = { name: '111122223333-Admin', ...issued };

    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    const card = popup.locator('#profiles li[data-profile="111122223333-Admin"]');
    const countdown = await card.locator('.countdown').innerText();
    expect(countdown).toMatch(/^Expires in 59 min \d\d s /);
    // It counts down while the popup is open.
    await expect.poll(() => card.locator('.countdown').innerText(), { timeout: 5000 }).not.toBe(countdown);

    for (const shell of SHELL_FORMATS) {
      await popup.selectOption('#shell', shell);
      await card.locator('button.copy-exports').click();
      await expect.poll(() => browser.readClipboard()).toBe(exportLines(credentials, shell));
      await card.locator('button.copy-profile').click();
      await expect.poll(() => browser.readClipboard()).toBe(profileLine('111122223333-Admin', shell));
    }
    // The choice of shell is remembered per machine.
    await popup.reload();
    expect(await popup.locator('#shell').inputValue()).toBe('windows-cmd');
    await popup.selectOption('#shell', 'env');

    // The bash lines, pasted into a real bash, give the AWS CLI exactly those credentials.
    await card.locator('button.copy-exports').click();
    await expect.poll(() => browser.readClipboard()).toContain('export AWS_ACCESS_KEY_ID=');
    const pasted = await browser.readClipboard();
    const script = `${pasted}\n${AWS_CLI} configure export-credentials --format process`;
    const out = JSON.parse(execFileSync('bash', ['-c', script], { env: { PATH: process.env.PATH, HOME: browser.home, AWS_CONFIG_FILE: '/nonexistent' }, encoding: 'utf8' })) as Record<string, string>;
    expect(out).toEqual({ Version: 1, AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiration.replace(/Z$/, '+00:00') });
    await expectReadBack(browser.credentialsFile, '111122223333-Admin', issued);
    await popup.close();
  });

  it('is usable from the keyboard alone', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    await popup.waitForSelector('#profiles li');
    const reached: string[] = [];
    for (let step = 0; step < 12; step += 1) {
      await popup.keyboard.press('Tab');
      reached.push(await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label') ?? document.activeElement?.id ?? ''));
      if (reached.at(-1) === 'Copy AWS_PROFILE for 111122223333-Admin') break;
    }
    expect(reached).toContain('Copy exports for 111122223333-Admin');
    expect(reached.at(-1)).toBe('Copy AWS_PROFILE for 111122223333-Admin');
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('#copy-status').innerText()).toBe('Copied the AWS_PROFILE line for 111122223333-Admin.');
    expect(await browser.readClipboard()).toBe('export AWS_PROFILE=111122223333-Admin');
    await popup.close();
  });

  it('renames the next profile after the template is changed on the options page, with a live preview', async () => {
    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    // The role from the first login is offered, previewed with the default template.
    const row = options.locator(`#roles tr[data-role="${roleArn(admin)}"]`);
    expect(await row.locator('.preview').innerText()).toBe('111122223333-Admin');

    await options.fill('#profile-template', 'my profile');
    // Said once, under the template, not in every row.
    expect(await options.locator('#profileTemplate-error').innerText()).toContain('"my profile": a profile name may hold only letters');
    expect(await row.locator('.preview').innerText()).toBe('—');
    await options.click('#save');
    await expect.poll(() => options.locator('#profileTemplate-error').innerText()).toMatch(/^Not saved: "my profile": a profile name may hold only/);
    expect(await options.locator('#profile-template').getAttribute('aria-invalid')).toBe('true');

    await options.fill('#profile-template', 'sso-{role_name}@{account_id}');
    expect(await row.locator('.preview').innerText()).toBe('sso-Admin@111122223333');
    await options.click('#save');
    // A save waits for the browser's policy service, which answers only seconds after the browser starts.
    await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    await options.close();

    const record = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS }));
    expect(record.results.map((result) => result.profile)).toEqual(['sso-Admin@111122223333']);
    await expectReadBack(browser.credentialsFile, 'sso-Admin@111122223333', issuedFor(fake, admin));
  });

  it('refreshes every role with "all roles", writes the region to the config file, and [default] when asked', async () => {
    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    await options.check('input[name="refresh"][value="all"]');
    // A name without the account cannot tell several roles apart: the page says so before saving.
    await options.fill('#profile-template', '{role_name}');
    expect(await options.locator('#profile-template-warning').innerText()).toMatch(/only the first would be written/);
    await options.fill('#profile-template', '{account_id}-{role_name}');
    expect(await options.locator('#profile-template-warning').innerText()).toBe('');
    await options.fill('#region', 'eu-central-1');
    await options.check('#write-default');
    await options.click('#save');
    // A save waits for the browser's policy service, which answers only seconds after the browser starts.
    await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    await screenshot(options, 'options-light');
    await options.emulateMedia({ colorScheme: 'dark' });
    await screenshot(options, 'options-dark');
    await options.close();

    const calls = fake.stsCalls.length;
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin), roleValue(reader), roleValue(ops)] }), stsHost: GLOBAL_STS });
    const since = new Date().toISOString();
    const page = await browser.context.newPage();
    await page.goto(url);
    // All three at the IdP's POST, before any choice on the role page.
    const first = await browser.waitForLogin(since);
    expect(first.results.map((result) => [result.profile, result.state])).toEqual([
      ['111122223333-Admin', 'written'],
      ['444455556666-ReadOnly', 'written'],
      ['777788889999-Ops', 'written'],
    ]);
    expect(fake.stsCalls.length - calls).toBe(3);
    for (const role of [admin, reader, ops]) await expectReadBack(browser.credentialsFile, `${role.accountId}-${role.roleName}`, issuedFor(fake, role));
    const configFile = path.join(browser.home, '.aws', 'config');
    const { configFile: config } = await loadSharedConfigFiles({ filepath: browser.credentialsFile, configFilepath: configFile, ignoreCache: true });
    expect(config['444455556666-ReadOnly']).toMatchObject({ region: 'eu-central-1' });

    // Choosing a role on AWS's page then makes it [default].
    await page.check(`input[value="${roleArn(reader)}"]`);
    const chosenAt = new Date().toISOString();
    await page.click('#signin_button');
    const second = await browser.waitForLogin(chosenAt);
    await page.close();
    expect(second.results.map((result) => [result.profile, result.state])).toEqual([
      ['444455556666-ReadOnly', 'written'],
      ['default', 'written'],
    ]);
    await expectReadBack(browser.credentialsFile, '444455556666-ReadOnly', issuedFor(fake, reader));
    await expectReadBack(browser.credentialsFile, 'default', issuedFor(fake, reader));

    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    await expect.poll(() => popup.locator('#profiles li').count()).toBeGreaterThanOrEqual(5);
    await screenshot(popup, 'popup-light');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await screenshot(popup, 'popup-dark');
    // At 200% zoom the popup (at most 800 px wide in Chrome) wraps rather than scrolls sideways.
    await popup.setViewportSize({ width: 800, height: 600 });
    await popup.evaluate(() => (document.documentElement.style.zoom = '2'));
    expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(popup, 'popup-dark-200');
    await popup.close();
  });

  it('keeps every secret out of storage.local and storage.sync', async () => {
    const secrets = fake.stsCalls.flatMap((call) => (call.credentials ? [call.credentials.secretAccessKey, call.credentials.sessionToken] : []));
    expect(secrets.length).toBeGreaterThan(4);
    const persisted = await browser.extensionPage.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
    for (const secret of secrets) expect(persisted).not.toContain(secret);
    // They are in memory, for the popup.
    const session = await browser.extensionPage.evaluate(async () => JSON.stringify(await chrome.storage.session.get('sessionCredentials')));
    expect(session).toContain(issuedFor(fake, reader).secretAccessKey);
  });

  it('lists the managed profiles on the options page and removes one, and only stsbridge lines', async () => {
    const before = readFileSync(browser.credentialsFile, 'utf8');
    writeFileSync(browser.credentialsFile, `${before}\n[personal]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`);
    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    await options.click('#load-managed');
    const item = options.locator('#managed li[data-profile="777788889999-Ops"]');
    await item.waitFor();
    expect(await options.locator('#managed li[data-profile="personal"]').count()).toBe(0);
    await item.getByRole('button', { name: 'Remove 777788889999-Ops from the credentials file' }).click();
    await expect.poll(() => options.locator('#managed-status').innerText()).toBe('Removed 777788889999-Ops.');
    const text = readFileSync(browser.credentialsFile, 'utf8');
    expect(text).not.toContain('[777788889999-Ops]');
    expect(text).toContain('[personal]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE');
    await options.close();
  });
});
