// The first login after the browser starts, in real Chromium: a person starts the browser and
// signs in to the console at once, the commonest login there is. Chromium answers the first read
// of the organisation's policy only once its policy service is up, seconds later; the login's
// STS request must not wait for it, and the policy must still decide what is written. Each test
// starts its own browser and posts one second after the worker appears.

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { has, rootForMounts } from '../requirements';
import { e2eReady, launchBrowser, type BrowserSession } from './browser';
import { GLOBAL_STS, startFakeAws, type FakeAws } from './fake-aws/server';

const role: TestRole = { accountId: '121212121212', roleName: 'Console' };

describe.skipIf(!e2eReady())('the first login after the browser starts', () => {
  let fake: FakeAws;
  let browser: BrowserSession | undefined;

  beforeEach(async () => {
    fake = await startFakeAws();
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await fake.close();
  });

  /** Posts a console login one second after the worker appeared; returns POST-to-STS in ms and the finished record. */
  async function postOneSecondIn(opened: BrowserSession) {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)] }), stsHost: GLOBAL_STS });
    await sleep(Math.max(0, opened.workerSeenAt + 1000 - performance.now()));
    const since = new Date().toISOString();
    const page = await opened.context.newPage();
    await page.goto(url);
    const record = await opened.waitForLogin(since);
    await page.close();
    const posted = fake.signinPosts.at(-1)!.receivedAt;
    const firstSts = fake.stsCalls.find((call) => call.params.RoleArn === roleArn(role))!.receivedAt;
    console.log(`first login: POST ${Math.round(posted - opened.workerSeenAt)} ms after the worker appeared, STS ${Math.round(firstSts - posted)} ms after the POST`);
    return { postToSts: firstSts - posted, record };
  }

  it('reaches STS within 2 s of a POST made 1 s after the worker starts', async () => {
    browser = await launchBrowser(fake, { ready: 'worker' });
    const { postToSts, record } = await postOneSecondIn(browser);
    expect(postToSts).toBeLessThan(2000);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: '121212121212-Console', state: 'written' }] });
  });

  it.runIf(has(rootForMounts))("reaches STS as soon with a policy, and still writes what the organisation's policy says", async () => {
    browser = await launchBrowser(fake, { ready: 'worker', policy: { profileTemplate: 'org-{role_name}', locked: ['profileTemplate'], sessionDuration: 1800 } });
    const { postToSts, record } = await postOneSecondIn(browser);
    expect(postToSts).toBeLessThan(2000);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: 'org-Console', state: 'written' }] });
    // The keys written are those of a request made with the policy's session length.
    const lastCall = fake.stsCalls.filter((call) => call.params.RoleArn === roleArn(role)).at(-1)!;
    expect(lastCall.params.DurationSeconds).toBe('1800');
  });
});
