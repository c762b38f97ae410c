// One console login, end to end, in real Chromium: the IdP page posts a SAMLResponse to the AWS
// sign-in URL, the extension's worker sees it, calls the STS stand-in, the real native host
// writes the profile, and real AWS clients read it back.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eReady, launchBrowser, POPUP_URL, ROOT, type BrowserSession } from './browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import type { IssuedCredentials } from './fake-aws/sts';
import { expectReadBack, readWithAwsCli, readWithSdk } from './aws-clients';
import { providerArn, roleArn, roleValue, samlResponse, samlResponseXml, toBase64, type TestRole } from '../fixtures/saml';

const ready = e2eReady();

// A credentials file as people have them: comments, CRLF line endings, a profile with
// long-lived keys, odd spacing, a key stsbridge does not know.
const EXISTING = [
  '# Personal AWS credentials — do not share',
  '[default]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  '',
  '; break-glass account',
  '[breakglass]',
  'aws_access_key_id=AKIAI44QH8DHBEXAMPLE',
  'aws_secret_access_key   =   je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ca_bundle = /etc/ssl/corp.pem',
  '',
].join('\r\n');

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };
const dev: TestRole = { accountId: '444455556666', roleName: 'Developer', providerFirst: true };
const ops: TestRole = { accountId: '777788889999', roleName: 'Ops' };

function lastIssued(fake: FakeAws): IssuedCredentials {
  const call = fake.stsCalls.filter((c) => c.status === 200).at(-1);
  if (!call?.credentials) throw new Error('STS issued no credentials');
  return call.credentials;
}

describe.skipIf(!ready)('a console login in real Chromium', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser(
    (started, session) => {
      fake = started;
      browser = session;
    },
    { credentialsText: EXISTING },
  );

  it('turns a one-role login into a profile that real AWS clients read', async () => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)], sessionDuration: 7200 }), stsHost: GLOBAL_STS });
    const record = await browser.login(url);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: '111122223333-Admin', roleArn: roleArn(admin) }] });

    const call = fake.stsCalls.at(-1)!;
    expect(call.host).toBe('sts.us-east-1.amazonaws.com');
    expect(call.params).toMatchObject({ Action: 'AssumeRoleWithSAML', RoleArn: roleArn(admin), PrincipalArn: providerArn(admin), DurationSeconds: '7200' });

    await expectReadBack(browser.credentialsFile, '111122223333-Admin', lastIssued(fake));
  });

  it('shows the profile, its account and its countdown in the popup, and the host it wrote through', async () => {
    const page = await browser.context.newPage();
    await page.goto(POPUP_URL);
    expect(await page.locator('#last-login').innerText()).toContain('Credentials written');
    const card = page.locator('#profiles li[data-profile="111122223333-Admin"]');
    expect(await card.getAttribute('data-freshness')).toBe('fresh');
    expect(await card.locator('.badge').innerText()).toBe('Fresh');
    // The name says the role and the account: no line repeats them.
    expect(await card.locator('.account').count()).toBe(0);
    expect(await card.locator('.countdown').innerText()).toMatch(/^Expires in (1 h 59|2 h 00) min \(\d\d:\d\d(?: [AP]M)?\)$/);
    expect(await page.locator('#host-status').innerText()).toMatch(/^stsbridge \d+\.\d+\.\d+ on this computer: connected\.$/);
    expect(await page.locator('#host-status').getAttribute('data-resident')).toBe('true');
    await page.close();
  });

  it('leaves every byte of the existing file in place and its profiles readable', async () => {
    const text = readFileSync(browser.credentialsFile, 'utf8');
    expect(text.startsWith(EXISTING)).toBe(true);
    expect(text).not.toMatch(/(?<!\r)\n/); // new lines follow the file's CRLF
    // The person's long-lived keys, whole, through both readers.
    const breakglass = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
    const personal = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    expect(await readWithSdk(browser.credentialsFile, 'breakglass')).toEqual({ ...breakglass, sessionToken: undefined });
    expect(await readWithAwsCli(browser.credentialsFile, 'breakglass')).toEqual({ ...breakglass, sessionToken: undefined });
    expect(await readWithSdk(browser.credentialsFile, 'default')).toEqual({ ...personal, sessionToken: undefined });
    expect(await readWithAwsCli(browser.credentialsFile, 'default')).toEqual({ ...personal, sessionToken: undefined });
  });

  it('assumes the role picked on the AWS role page of a several-role login', async () => {
    const url = fake.addLogin({
      samlResponse: samlResponse({ roleValues: [roleValue(admin), roleValue(dev), roleValue(ops)] }),
      stsHost: GLOBAL_STS,
      accountNames: { [dev.accountId]: 'Dev Team', [ops.accountId]: 'Operations' },
    });
    const since = new Date().toISOString();
    const page = await browser.context.newPage();
    await page.goto(url);
    // The first POST carries no choice: the extension waits for AWS's role page.
    await browser.waitForLogin(since, ['choose-role']);
    await page.check(`input[value="${roleArn(dev)}"]`);
    const chosenAt = new Date().toISOString();
    await page.click('#signin_button');
    const record = await browser.waitForLogin(chosenAt);
    await page.close();
    expect(record).toMatchObject({ state: 'done', roleCount: 3, results: [{ profile: '444455556666-Developer' }] });
    expect(fake.signinPosts.at(-1)).toMatchObject({ roleIndex: roleArn(dev) });
    await expectReadBack(browser.credentialsFile, '444455556666-Developer', lastIssued(fake));

    // The role page named the accounts; the popup uses the name.
    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    await expect.poll(() => popup.locator('#profiles li[data-profile="444455556666-Developer"] .account').innerText()).toBe('Account Dev Team (444455556666)');
    expect(await popup.evaluate(async () => (await chrome.storage.local.get('accountNames')).accountNames)).toEqual({
      '444455556666': 'Dev Team',
      '777788889999': 'Operations',
    });
    await popup.close();
  });

  it("reads account names from AWS's current (NextJS) role page, whose names are in <meta name=\"data\">", async () => {
    const lake: TestRole = { accountId: '888800001111', roleName: 'Analyst' };
    const scratch: TestRole = { accountId: '888800002222', roleName: 'Analyst' };
    const url = fake.addLogin({
      samlResponse: samlResponse({ roleValues: [roleValue(lake), roleValue(scratch)] }),
      stsHost: GLOBAL_STS,
      accountNames: { [lake.accountId]: 'Data Lake (EU)' },
      rolePage: 'nextjs',
    });
    const since = new Date().toISOString();
    const page = await browser.context.newPage();
    await page.goto(url);
    await browser.waitForLogin(since, ['choose-role']);
    // The page has no account labels in its HTML: the name can only have come from the meta data.
    expect(await page.locator('.saml-account-name').count()).toBe(0);
    const names = () => browser.extensionPage.evaluate(async () => (await chrome.storage.local.get('accountNames')).accountNames as Record<string, string>);
    await expect.poll(async () => (await names())[lake.accountId]).toBe('Data Lake (EU)');
    expect((await names())[scratch.accountId]).toBeUndefined();

    await page.check(`input[value="${roleArn(lake)}"]`);
    const chosenAt = new Date().toISOString();
    await page.click('#signin_button');
    expect(await browser.waitForLogin(chosenAt)).toMatchObject({ state: 'done', results: [{ profile: '888800001111-Analyst' }] });
    await page.close();
    await expectReadBack(browser.credentialsFile, '888800001111-Analyst', lastIssued(fake));
    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    await expect.poll(() => popup.locator('#profiles li[data-profile="888800001111-Analyst"] .account').innerText()).toBe('Account Data Lake (EU) (888800001111)');
    await popup.close();
  });

  it.each<[string, TestRole, string, string]>([
    ['a regional sign-in endpoint (its own region)', ops, 'https://eu-west-1.signin.aws.amazon.com/saml', 'sts.eu-west-1.amazonaws.com'],
    ['GovCloud', { accountId: '121212121212', roleName: 'GovAdmin', partition: 'aws-us-gov' }, 'https://signin.amazonaws-us-gov.com/saml', 'sts.us-gov-west-1.amazonaws.com'],
    ['China', { accountId: '565656565656', roleName: 'CnAdmin', partition: 'aws-cn' }, 'https://signin.amazonaws.cn/saml', 'sts.cn-north-1.amazonaws.com.cn'],
  ])('reaches the STS of %s', async (_label, role, signinUrl, stsHost) => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)], destination: signinUrl }), signinUrl, stsHost });
    const record = await browser.login(url);
    expect(record).toMatchObject({ state: 'done', results: [{ roleArn: roleArn(role) }] });
    expect(fake.stsCalls.at(-1)).toMatchObject({ host: stsHost, status: 200 });
    await expectReadBack(browser.credentialsFile, `${role.accountId}-${role.roleName}`, lastIssued(fake));
  });

  it('gets one-hour credentials when the IdP asks for more than the role allows, and says so', async () => {
    const capped: TestRole = { accountId: '343434343434', roleName: 'Capped' };
    fake.setMaxSessionDuration(roleArn(capped), 3600);
    const calls = fake.stsCalls.length;
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(capped)], sessionDuration: 43200 }), stsHost: GLOBAL_STS });
    const record = await browser.login(url);
    expect(fake.stsCalls.slice(calls).map((call) => [call.params.DurationSeconds, call.status, call.errorCode])).toEqual([
      ['43200', 400, 'ValidationError'],
      ['3600', 200, undefined],
    ]);
    expect(record).toMatchObject({ state: 'done', results: [{ notes: [expect.stringMatching(/12 hours were asked for.*1 hour/)] }] });
    await expectReadBack(browser.credentialsFile, '343434343434-Capped', lastIssued(fake));

    const page = await browser.context.newPage();
    await page.goto(POPUP_URL);
    await expect.poll(() => page.locator('.note').innerText()).toMatch(/Raise the role's maximum session duration/);
    await page.close();
  });

  it.each([
    ['not base64', 'this is not base64!', 'not-base64'],
    ['a DOCTYPE (entity expansion)', toBase64(`<!DOCTYPE r [<!ENTITY a "${'a'.repeat(100)}">]>${samlResponseXml({ roleValues: [roleValue(admin)] }).replace(/^<\?xml[^>]*\?>\s*/, '')}`), 'doctype-refused'],
    ['over 1 MiB', 'A'.repeat(1_500_000), 'too-large'],
    ['not XML', toBase64('<<<definitely not xml'), 'not-xml'],
    ['no Role attribute', toBase64(samlResponseXml({ roleValues: [roleValue(admin)] }).replace('Attributes/Role"', 'Attributes/Other"')), 'no-role-attribute'],
  ])('shows a clear error for %s and writes nothing', async (_label, response, code) => {
    const before = readFileSync(browser.credentialsFile, 'utf8');
    const stsCalls = fake.stsCalls.length;
    const record = await browser.login(fake.addLogin({ samlResponse: response, stsHost: GLOBAL_STS }));
    expect(record).toMatchObject({ state: 'failed', error: { code } });
    expect(fake.stsCalls.length).toBe(stsCalls);
    expect(readFileSync(browser.credentialsFile, 'utf8')).toBe(before);

    const page = await browser.context.newPage();
    await page.goto(POPUP_URL);
    await expect.poll(() => page.locator('#last-login .error').getAttribute('data-code')).toBe(code);
    expect(await page.locator('#last-login .error').innerText()).toBe(record.error!.message);
    await page.close();
  });
});

describe.skipIf(!ready)('after hostile input', () => {
  it('the worker still serves the next login', async () => {
    const fake = await startFakeAws();
    const browser = await launchBrowser(fake);
    try {
      for (const response of [toBase64('<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]><x>&x;</x>'), 'A'.repeat(2_000_000), toBase64('\u0000'.repeat(64))]) {
        expect((await browser.login(fake.addLogin({ samlResponse: response, stsHost: GLOBAL_STS }))).state).toBe('failed');
      }
      const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS });
      expect((await browser.login(url)).state).toBe('done');
      await expectReadBack(browser.credentialsFile, '111122223333-Admin', lastIssued(fake));
      expect(fake.misdirected).toEqual([]);
    } finally {
      await browser.close();
      await fake.close();
    }
  });
});

describe.skipIf(!ready)('a login without the native host installed', () => {
  it('says the host is missing and gives the command that installs it', async () => {
    const fake = await startFakeAws();
    const browser = await launchBrowser(fake, { installHost: false });
    try {
      const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS });
      const record = await browser.login(url);
      expect(record).toMatchObject({ state: 'failed', error: { code: 'host-missing', message: expect.stringContaining('./install-host.sh') } });

      // The credentials are still good: the popup hands them over, with the fix for next time.
      const issued = lastIssued(fake);
      const page = await browser.context.newPage();
      await page.goto(POPUP_URL);
      const card = page.locator('#profiles li[data-profile="111122223333-Admin"]');
      expect(await card.locator('.badge').innerText()).toBe('Not in file');
      // Not in the file, so there is no AWS_PROFILE line to offer.
      expect(await card.locator('button.copy-profile').count()).toBe(0);
      await card.locator('button.copy-exports').click();
      await expect.poll(() => page.locator('#copy-status').innerText()).toBe('Copied the export lines for 111122223333-Admin.');
      expect(await browser.readClipboard()).toBe(
        [
          `export AWS_ACCESS_KEY_ID=${issued.accessKeyId}`,
          `export AWS_SECRET_ACCESS_KEY=${issued.secretAccessKey}`,
          `export AWS_SESSION_TOKEN=${issued.sessionToken}`,
          `export AWS_CREDENTIAL_EXPIRATION=${issued.expiration.replace(/Z$/, '+00:00')}`,
        ].join('\n'),
      );
      // What to run comes first on the page, and once.
      const top = page.locator('#host-problem');
      await expect.poll(() => top.isVisible()).toBe(true);
      expect(await top.innerText()).toMatch(/^stsbridge's program on this computer is not installed for this browser\. [^\n]*\.\/install-host\.sh/);
      expect(await page.evaluate(() => document.querySelector('main > :not([hidden])')?.id)).toBe('host-problem');
      expect((await page.locator('body').innerText()).split('./install-host.sh').length - 1).toBe(1);
      expect(await page.locator('#host-status').getAttribute('data-state')).toBe('missing');
      // Secrets stay in memory: nothing in storage.local or storage.sync holds them.
      const persisted = await page.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]));
      expect(persisted).not.toContain(issued.secretAccessKey);
      expect(persisted).not.toContain(issued.sessionToken);

      // Once a host is there, the next login writes the profile, and the popup says so.
      execFileSync(path.join(ROOT, 'install-host.sh'), ['--dir', path.join(browser.home, 'chromium-profile', 'NativeMessagingHosts')], {
        env: { ...process.env, HOME: browser.home, XDG_DATA_HOME: path.join(browser.home, 'data') },
        stdio: 'pipe',
      });
      const again = await browser.login(fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(admin)] }), stsHost: GLOBAL_STS }));
      expect(again).toMatchObject({ state: 'done', results: [{ state: 'written' }] });
      await expectReadBack(browser.credentialsFile, '111122223333-Admin', lastIssued(fake));
      expect(fake.misdirected).toEqual([]);
      await expect.poll(() => card.locator('.badge').innerText()).toBe('Fresh');
      expect(await card.locator('button.copy-profile').count()).toBe(1);
      await page.close();
    } finally {
      await browser.close();
      await fake.close();
    }
  });
});
