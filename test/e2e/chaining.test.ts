// Role chaining in real Chromium: chains typed on the options page, one console login, and the
// STS stand-in checking that each AssumeRole is SigV4-signed with the SAML role's own session
// (its access key in the Authorization header, its token in X-Amz-Security-Token). The chained
// profiles are read back by real AWS clients; a refused chain fails alone.

import { describe, expect, it } from 'vitest';
import { e2eReady, OPTIONS_URL, POPUP_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import { expectReadBack } from './aws-clients';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const admin: TestRole = { accountId: '111122223333', roleName: 'Admin' };
const deploy: TestRole = { accountId: '999988887777', roleName: 'Deploy' };
const vendor: TestRole = { accountId: '555566667777', roleName: 'VendorAudit' };
const untrusting: TestRole = { accountId: '222233334444', roleName: 'Locked' };

describe.skipIf(!e2eReady())('role chaining', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser((started, session) => {
    fake = started;
    browser = session;
  });

  it('refuses a chain line it cannot read, and saves good ones', async () => {
    const options = await browser.context.newPage();
    await options.goto(OPTIONS_URL);
    await options.fill('#chains', `${roleArn(admin)} → ${roleArn(deploy)}\n${roleArn(admin)}`);
    await options.click('#save');
    await expect.poll(() => options.locator('#chains-error').innerText()).toMatch(/^Not saved: line 2 should be the SAML role's ARN/);
    expect(await options.locator('#chains').getAttribute('aria-invalid')).toBe('true');

    await options.fill(
      '#chains',
      [`${roleArn(admin)} → ${roleArn(deploy)}`, `${roleArn(admin)} -> ${roleArn(vendor)} ExternalId=vendor-7781`, `${roleArn(admin)} → ${roleArn(untrusting)}`].join('\n'),
    );
    await options.click('#save');
    // A save waits for the browser's policy service, which answers only seconds after the browser starts.
    await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    // Each chained role gets a row, for a per-role name, and says where it comes from.
    const row = options.locator(`#roles tr[data-role="${roleArn(vendor)}"]`);
    expect(await row.locator('th').innerText()).toContain('chained from Admin');
    await row.locator('.role-template').fill('vendor-audit');
    expect(await row.locator('.preview').innerText()).toBe('vendor-audit');
    await options.click('#save');
    // A save waits for the browser's policy service, which answers only seconds after the browser starts.
    await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    await options.reload();
    expect(await options.locator('#chains').inputValue()).toBe(
      [`${roleArn(admin)} → ${roleArn(deploy)}`, `${roleArn(admin)} → ${roleArn(vendor)} ExternalId=vendor-7781`, `${roleArn(admin)} → ${roleArn(untrusting)}`].join('\n'),
    );
    await options.close();
  });

  it('assumes each chained role with the SAML session, signed, and writes its own profile', async () => {
    fake.trust(roleArn(deploy), [roleArn(admin)]);
    fake.trust(roleArn(vendor), [roleArn(admin)], 'vendor-7781');
    // `untrusting` trusts no one: its chain fails alone.
    const calls = fake.stsCalls.length;
    const record = await browser.login(
      fake.addLogin({
        samlResponse: samlResponse({ roleValues: [roleValue(admin)], sessionDuration: 28_800, roleSessionName: 'jane.doe@example.com' }),
        stsHost: GLOBAL_STS,
      }),
    );
    expect(record.state).toBe('done');
    expect(record.results.map((result) => [result.profile, result.state])).toEqual([
      ['111122223333-Admin', 'written'],
      ['999988887777-Deploy', 'written'],
      ['vendor-audit', 'written'],
      ['222233334444-Locked', 'failed'],
    ]);

    const made = fake.stsCalls.slice(calls);
    const saml = made.find((call) => call.params.Action === 'AssumeRoleWithSAML')!;
    expect(saml).toMatchObject({ status: 200, params: { DurationSeconds: '28800' } });
    const chained = made.filter((call) => call.params.Action === 'AssumeRole');
    expect(chained).toHaveLength(3);
    for (const call of chained) {
      // Signed with the SAML session the stand-in issued a moment before, and nothing else; the
      // stand-in has already refused any call whose token or signature did not match it.
      expect(call.caller).toEqual({ accessKeyId: saml.credentials!.accessKeyId, roleArn: roleArn(admin) });
      expect(call.params).toMatchObject({ RoleSessionName: 'jane.doe@example.com', DurationSeconds: '3600' });
    }
    expect(chained.find((call) => call.params.RoleArn === roleArn(vendor))!.params.ExternalId).toBe('vendor-7781');
    expect(chained.find((call) => call.params.RoleArn === roleArn(untrusting))).toMatchObject({ status: 403, errorCode: 'AccessDenied' });

    const locked = record.results[3]!;
    expect(locked.error).toMatchObject({ code: 'sts-rejected' });
    expect(locked.error!.message).toContain('AWS STS refused the role Locked in 222233334444 (AccessDenied)');

    await expectReadBack(browser.credentialsFile, '111122223333-Admin', saml.credentials!);
    for (const [role, profile] of [[deploy, '999988887777-Deploy'], [vendor, 'vendor-audit']] as const) {
      const issued = chained.find((call) => call.params.RoleArn === roleArn(role))!.credentials!;
      await expectReadBack(browser.credentialsFile, profile, issued);
      // The chained hour, not the 8 hours the assertion asked for.
      expect(Date.parse(issued.expiration) - Date.now()).toBeLessThanOrEqual(3600_000);
    }

    // The popup says where a chained profile comes from, and why it lasts an hour.
    const popup = await browser.context.newPage();
    await popup.goto(POPUP_URL);
    const card = popup.locator('#profiles li[data-profile="999988887777-Deploy"]');
    expect(await card.locator('.via').innerText()).toBe('Chained from Admin in 111122223333');
    expect(await card.locator('.note').innerText()).toMatch(/AWS limits a chained role's session to 1 hour, so these credentials last 1 hour, not the 8 hours asked/);
    expect(await card.locator('.countdown').innerText()).toMatch(/^Expires in (59|60) min/);
    const lockedCard = popup.locator('#profiles li[data-profile="222233334444-Locked"]');
    expect(await lockedCard.locator('.error').innerText()).toContain('(AccessDenied)');
    await popup.close();
  });
});
