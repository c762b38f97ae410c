// One fake AWS and one real Chromium shared by the tests of a describe block: started before the
// first, stopped after the last, whatever happens in between. After each test, no STS call may
// have gone to another host than its login declared.

import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, type BrowserSession, type LaunchOptions } from './browser';
import { startFakeAws, type FakeAws } from './fake-aws/server';

/** Call inside a describe block; `started` receives the two once they run. */
export function sharedBrowser(started: (fake: FakeAws, browser: BrowserSession) => void | Promise<void>, options: LaunchOptions = {}): void {
  let fake: FakeAws | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    fake = await startFakeAws();
    browser = await launchBrowser(fake, options);
    await started(fake, browser);
  });
  afterEach(() => {
    // Taken out as they are checked: a misdirected call fails the test that made it, not every later one.
    expect(fake?.misdirected.splice(0), 'STS calls to another host than the login declared').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });
}
