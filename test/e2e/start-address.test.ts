// The first refresh, in real Chromium, with nothing set up: a person signs in to the AWS console
// the way they do every day (Okta's dashboard and its AWS tile; AD FS's sign-on page), and
// `stsbridge refresh` then works. Under Chromium's default referrer policy those sign-ins show
// stsbridge only the IdP's origin, a dashboard that posts nothing; the AWS app's address is worked
// out from the vendor's rule instead. A wrong address is reported as one, and blocks nothing; an
// IdP whose address cannot be worked out is asked for once, right after the first sign-in (in a
// browser that has seen no other IdP: a new IdP's first sign-in after another's may show no origin,
// and is asked for after its next, which does).

import type { Page, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSignInPage } from '../../extension/refresh/sign-in-page';
import { roleArn, roleValue, samlResponse, type TestRole } from '../fixtures/saml';
import { HOST_BUNDLE } from '../host-process';
import { runCommand as run } from '../run-command';
import { expectReadBack } from './aws-clients';
import { e2eReady, OPTIONS_URL, type BrowserSession } from './browser';
import { GLOBAL_STS, type FakeAws, type IdpSession } from './fake-aws/server';
import type { IssuedCredentials } from './fake-aws/sts';
import type { VendorIdps } from './fake-aws/vendor-idps';
import { recordNotifications, shownNotification, type Shown } from './notifications';
import { allowSite } from './site-access';
import { sharedBrowser } from './suite';

const viaOkta: TestRole = { accountId: '210987654321', roleName: 'OktaDeploy' };
const viaAdfs: TestRole = { accountId: '321098765432', roleName: 'AdfsDeploy' };
const viaOther: TestRole = { accountId: '432109876543', roleName: 'OtherDeploy' };
const profileOf = (role: TestRole) => `${role.accountId}-${role.roleName}`;
const OTHER_ISSUER = 'https://idp.example.test/saml';

let fake: FakeAws;
let browser: BrowserSession;
let worker: Worker;
const env = () => ({ PATH: process.env.PATH, HOME: browser.home, XDG_RUNTIME_DIR: browser.runtimeDir, AWS_SHARED_CREDENTIALS_FILE: browser.credentialsFile });
const stsbridge = (...args: string[]) => run(process.execPath, [HOST_BUNDLE, ...args], env());
const issued = (role: TestRole): IssuedCredentials => fake.stsCalls.filter((call) => call.params.RoleArn === roleArn(role) && call.credentials).at(-1)!.credentials!;
const stored = <T>(key: string) => browser.extensionPage.evaluate(async (name) => (await chrome.storage.local.get(name))[name] as T, key);
const providers = () => stored<Record<string, { startPage?: string; worked?: string; failed?: string; askedAt?: string }>>('identityProviders');
const setSettings = (settings: Record<string, unknown>) => browser.extensionPage.evaluate((value) => chrome.storage.sync.set({ settings: { schema: 1, ...value } }), settings);
const shownAll = (): Promise<Shown[]> => worker.evaluate(() => (globalThis as { shown?: Shown[] }).shown ?? []);

/** A person's sign-in: the page at `start`, a password if asked, then whatever gets to AWS's sign-in. */
async function personSignsIn(start: string, then?: (page: Page) => Promise<void>): Promise<void> {
  const since = new Date().toISOString();
  const page = await browser.context.newPage();
  try {
    await page.goto(start);
    if (await page.locator('input[type=password]').count()) {
      await page.fill('input[type=password]', 'correct horse');
      await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    }
    if (then) await then(page);
    expect((await browser.waitForLogin(since)).state).toBe('done');
  } finally {
    await page.close();
  }
}

/** One fake AWS and Chromium per describe block, notifications recorded from the start. */
function freshBrowser(): void {
  sharedBrowser(async (started, opened) => {
    fake = started;
    browser = opened;
    worker = opened.context.serviceWorkers()[0]!;
    await recordNotifications(worker);
  });
}

describe.skipIf(!e2eReady())('the first refresh through Okta and AD FS, with nothing set up', () => {
  let idps: VendorIdps;
  freshBrowser();
  beforeAll(() => {
    const roleFor = (issuer: string) => (issuer.includes('okta') ? viaOkta : viaAdfs);
    idps = fake.vendorIdps({ samlResponse: (issuer) => samlResponse({ roleValues: [roleValue(roleFor(issuer))], issuer }), stsHost: GLOBAL_STS });
  });

  it("refreshes through Okta after a sign-in from its dashboard's AWS tile, which showed only Okta's origin", async () => {
    await personSignsIn(idps.okta.homeUrl, (page) => page.click('#aws-tile'));
    // What the browser told: the origin, a dashboard. Not an address to refresh from.
    await expect.poll(async () => (await providers())[idps.okta.issuer]?.startPage).toBe('https://example.okta.com/');
    const before = issued(viaOkta);
    const [posts, forms] = [idps.okta.silentPosts, idps.okta.formsShown];
    const refreshed = await stsbridge('refresh', profileOf(viaOkta));
    expect(refreshed).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(new RegExp(`^${profileOf(viaOkta)}: refreshed, valid until`)) });
    expect({ posts: idps.okta.silentPosts - posts, forms: idps.okta.formsShown - forms }).toEqual({ posts: 1, forms: 0 });
    const after = issued(viaOkta);
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, profileOf(viaOkta), after);
    // The address that worked is remembered as such, and nobody was asked for one.
    expect((await providers())[idps.okta.issuer]).toMatchObject({ worked: idps.okta.appUrl });
    expect((await shownAll()).filter((shown) => shown.id.startsWith('start-address:'))).toEqual([]);
  });

  it("refreshes through AD FS after a sign-in at its sign-on page, from the federation service's name in the issuer", async () => {
    await personSignsIn(idps.adfs.appUrl);
    // A second IdP's first sign-in may teach no origin (stsbridge watches for one only while it
    // wants one): AD FS's address needs none.
    await expect.poll(async () => (await providers())[idps.adfs.issuer]).toBeDefined();
    const posts = idps.adfs.silentPosts;
    const refreshed = await stsbridge('refresh', profileOf(viaAdfs));
    expect(refreshed).toMatchObject({ code: 0, stderr: '' });
    expect(idps.adfs.silentPosts).toBe(posts + 1);
    await expectReadBack(browser.credentialsFile, profileOf(viaAdfs), issued(viaAdfs));
    expect((await providers())[idps.adfs.issuer]).toMatchObject({ worked: idps.adfs.appUrl });
  });

  it('reports an address that sends no sign-in as a wrong address, marks no session ended, and tries the next address at once', async () => {
    const dashboard = 'https://example.okta.com/app/UserHome';
    await setSettings({ silentSignInSeconds: 5, loginUrls: { [idps.okta.issuer]: dashboard } });
    const wrong = await stsbridge('refresh', profileOf(viaOkta));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `${profileOf(viaOkta)}: not refreshed: the page at ${dashboard} did not send a sign-in to AWS within 5 s, and no sign-in has come from it yet, so it is most likely not your AWS app's address: set the address of your AWS app in the stsbridge options, under Identity providers. (If that page asks you to sign in, sign in there instead.)\n`,
    );
    expect((await stored<Record<string, string> | undefined>('endedSessions')) ?? {}).not.toHaveProperty(idps.okta.issuer);
    expect((await providers())[idps.okta.issuer]).toMatchObject({ failed: dashboard });
    await expect.poll(() => shownNotification(worker, `start-address:${idps.okta.issuer}`)).toMatchObject({ title: 'Where does your AWS sign-in start?', buttons: ['Set the address'] });

    // The address changes (here: back to the one worked out): the very next refresh runs, and works.
    await setSettings({ silentSignInSeconds: 5 });
    const posts = idps.okta.silentPosts;
    expect(await stsbridge('refresh', profileOf(viaOkta))).toMatchObject({ code: 0, stderr: '' });
    expect(idps.okta.silentPosts).toBe(posts + 1);
    expect((await providers())[idps.okta.issuer]).not.toHaveProperty('failed');
  });

  it("tells a page that asks for a sign-in from one that does not, with the reader a silent sign-in uses on the person's allowed sites", async () => {
    const page = await browser.context.newPage();
    const asks = async (url: string) => {
      await page.goto(url);
      await page.waitForLoadState();
      return readSignInPage(await page.content(), page.url()).kind === 'asks';
    };
    try {
      // Signed in (the tests above): Okta's dashboard, its 404 page and AD FS's site list ask nothing.
      expect(await asks('https://example.okta.com/app/UserHome')).toBe(false);
      expect(await asks('https://example.okta.com/app/amazon_aws/0oaWrong/sso/saml')).toBe(false);
      expect(await asks('https://adfs.example.test/adfs/ls/IdpInitiatedSignOn.aspx')).toBe(false);
      // Ended: the AWS app's address lands on a sign-in form.
      idps.okta.end();
      expect(await asks(idps.okta.appUrl)).toBe(true);
      expect(page.url()).toMatch(/^https:\/\/example\.okta\.com\/login\/login\.htm\?fromURI=/);
    } finally {
      await page.close();
    }
  });

  it('takes an address that signed in before and now sends nothing for an ended session, until the person signs in again', async () => {
    // Ended in the test above. The window's page cannot be read here (no site was allowed): the
    // address's own history decides.
    const forms = idps.okta.formsShown;
    const ended = await stsbridge('refresh', profileOf(viaOkta));
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/: not refreshed: your session at example\.okta\.com has ended: the address that signed you in before sent nothing to AWS\. Sign in there/);
    expect(idps.okta.formsShown).toBe(forms + 1);
    await expect.poll(async () => Object.keys((await stored<Record<string, string> | undefined>('endedSessions')) ?? {})).toContain(idps.okta.issuer);
    await personSignsIn(idps.okta.homeUrl, (page) => page.click('#aws-tile'));
    expect(await stsbridge('refresh', profileOf(viaOkta))).toMatchObject({ code: 0, stderr: '' });
  });

  it('refreshes with no window at all once the person lets stsbridge read the IdP’s site, and reads an ended session from its page', async () => {
    await allowSite(browser, 'https://example.okta.com', idps.okta.issuer);
    await browser.extensionPage.evaluate(() => {
      const made: string[] = [];
      (globalThis as { windowsMade?: string[] }).windowsMade = made;
      chrome.windows.onCreated.addListener((window) => void made.push(window.type ?? ''));
    });
    const windowsMade = () => browser.extensionPage.evaluate(() => (globalThis as { windowsMade?: string[] }).windowsMade);

    const before = issued(viaOkta);
    const [posts, signinPosts] = [idps.okta.silentPosts, fake.signinPosts.length];
    expect(await stsbridge('refresh', profileOf(viaOkta))).toMatchObject({ code: 0, stderr: '' });
    const after = issued(viaOkta);
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    await expectReadBack(browser.credentialsFile, profileOf(viaOkta), after);
    // The IdP's page was fetched with the session's cookie; nothing went to AWS's sign-in page,
    // and no window opened.
    expect({ posts: idps.okta.silentPosts - posts, toAwsSignin: fake.signinPosts.length - signinPosts, windows: await windowsMade() }).toEqual({ posts: 1, toAwsSignin: 0, windows: [] });

    // The session ends: the fetched page asks for a password, which says so for certain.
    idps.okta.end();
    const forms = idps.okta.formsShown;
    const ended = await stsbridge('refresh', profileOf(viaOkta));
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/: not refreshed: your session at example\.okta\.com has ended: it asked for a sign-in\. Sign in there/);
    expect({ forms: idps.okta.formsShown - forms, windows: await windowsMade() }).toEqual({ forms: 1, windows: [] });
  });
});

describe.skipIf(!e2eReady())('the first refresh through an identity provider whose address cannot be worked out', () => {
  let other: IdpSession;
  freshBrowser();
  beforeAll(() => {
    other = fake.startSession({ samlResponse: () => samlResponse({ roleValues: [roleValue(viaOther)] }), stsHost: GLOBAL_STS });
  });

  it('asks once, right after the first sign-in, for an address it cannot work out, opens the options there with the candidate filled in, and then refreshes', async () => {
    await personSignsIn(other.signInUrl);
    const id = `start-address:${OTHER_ISSUER}`;
    await expect.poll(() => shownNotification(worker, id)).toEqual({
      id,
      title: 'Where does your AWS sign-in start?',
      message: 'stsbridge cannot tell which address at idp.example.test signs you in to AWS. Set it once in the options, and refreshing your AWS keys works without you.',
      buttons: ['Set the address'],
    });
    // Before the address is set, a refresh says what is missing without opening anything.
    const missing = await stsbridge('refresh', profileOf(viaOther));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('sign-ins through idp.example.test showed only its home page, which does not sign in to AWS by itself') });
    expect(missing.ms).toBeLessThan(5000);

    const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
    await worker.evaluate((wanted) => (chrome.notifications.onButtonClicked as unknown as { dispatch(id: string, index: number): void }).dispatch(wanted, 0), id);
    const options = await opened;
    try {
      await options.waitForLoadState();
      expect(options.url()).toBe(`${OPTIONS_URL}#idp=${encodeURIComponent(OTHER_ISSUER)}`);
      const address = options.locator(`#idps tr[data-issuer="${OTHER_ISSUER}"] input.idp-address`);
      await expect.poll(() => address.inputValue()).toBe('https://idp.example.test/');
      expect(await address.evaluate((input) => input === document.activeElement)).toBe(true);
      await address.fill(other.startUrl);
      await options.click('#save');
      await expect.poll(() => options.locator('#save-status').innerText(), { timeout: 10_000 }).toBe('Saved. The next login uses these settings.');
    } finally {
      await options.close();
    }
    const posts = other.silentPosts;
    expect(await stsbridge('refresh', profileOf(viaOther))).toMatchObject({ code: 0, stderr: '' });
    expect(other.silentPosts).toBe(posts + 1);
    await expectReadBack(browser.credentialsFile, profileOf(viaOther), issued(viaOther));

    // Asked once: the next sign-in through it asks nothing.
    await personSignsIn(other.signInUrl);
    await expect.poll(async () => (await providers())[OTHER_ISSUER]?.askedAt).toEqual(expect.any(String));
    expect((await shownAll()).filter((shown) => shown.id === id)).toHaveLength(1);
  });
});
