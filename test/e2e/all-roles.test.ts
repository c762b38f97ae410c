// "All roles" at scale, in real Chromium: one assertion with 40 roles in 20 accounts, STS taking
// 100 ms a call and throttling some calls once. Every profile lands, in one write of the file,
// and real AWS clients read each back.

import { mkdirSync, watch } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eReady, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws } from './fake-aws/server';
import { sharedBrowser } from './suite';
import { expectReadBack } from './aws-clients';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';

const roles: TestRole[] = Array.from({ length: 40 }, (_, i) => ({
  accountId: String(210000000000 + Math.floor(i / 2)),
  roleName: i % 2 === 0 ? 'Admin' : 'ReadOnly',
}));

describe.skipIf(!e2eReady())('one login refreshing every role', () => {
  let fake: FakeAws;
  let browser: BrowserSession;

  sharedBrowser(async (started, session) => {
    fake = started;
    browser = session;
    await browser.extensionPage.evaluate(() => chrome.storage.sync.set({ settings: { schema: 1, refresh: 'all' } }));
  });

  it('writes 40 profiles from 20 accounts in one write, through STS latency and throttling', async () => {
    fake.stsLatencyMs = 100;
    const throttled = [roles[3]!, roles[17]!, roles[30]!].map(roleArn);
    fake.throttleOnce(throttled);
    const url = fake.addLogin({
      samlResponse: samlResponse({ roleValues: roles.map(roleValue) }),
      stsHost: GLOBAL_STS,
    });

    // Each atomic replacement renames a temp file onto `credentials`: count those.
    const dir = path.dirname(browser.credentialsFile);
    mkdirSync(dir, { recursive: true });
    let replacements = 0;
    const watcher = watch(dir, (event, file) => {
      if (event === 'rename' && file === 'credentials') replacements += 1;
    });
    const calls = fake.stsCalls.length;
    let record;
    try {
      record = await browser.login(url);
    } finally {
      watcher.close();
    }

    expect(record.state).toBe('done');
    expect(record.results).toHaveLength(40);
    expect(record.results.filter((result) => result.state === 'written')).toHaveLength(40);
    expect(replacements).toBe(1);
    // The throttled roles were each asked twice; the rest once.
    const made = fake.stsCalls.slice(calls);
    expect(made.filter((call) => call.errorCode === 'Throttling').map((call) => call.params.RoleArn).sort()).toEqual([...throttled].sort());
    expect(made.filter((call) => call.status === 200)).toHaveLength(40);

    for (const role of roles) {
      const issued = made.find((call) => call.status === 200 && call.params.RoleArn === roleArn(role))!.credentials!;
      await expectReadBack(browser.credentialsFile, `${role.accountId}-${role.roleName}`, issued);
    }
  });
});
