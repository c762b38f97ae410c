import { describe, expect, it } from 'vitest';
import type { SamlPost } from '../../../extension/capture/saml-post';
import { claimPost } from '../../../extension/refresh/pending';
import { refreshProfiles } from '../../../extension/refresh/refresh-profiles';
import { silentSignIn, type SilentSignInDeps } from '../../../extension/refresh/silent-sign-in';
import type { SignInPage } from '../../../extension/refresh/sign-in-page';
import type { StartAddress } from '../../../extension/refresh/start-address';
import type { LoginRecord } from '../../../extension/storage/login-record';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEV = 'arn:aws:iam::444455556666:role/Dev';
const DEPLOY = 'arn:aws:iam::999988887777:role/Deploy';
const post: SamlPost = { url: 'https://signin.aws.amazon.com/saml', signin: { partition: 'aws', region: 'us-east-1' }, samlResponse: 'PHNhbWw+' };

const record = (results: Partial<LoginRecord['results'][number]>[]): LoginRecord => ({
  id: 'l',
  at: '2030-01-01T00:00:00Z',
  signinUrl: post.url,
  state: 'done',
  results: results.map((result) => ({ profile: 'p', roleArn: ADMIN, accountId: '111122223333', roleName: 'Admin', partition: 'aws', state: 'written', notes: [], ...result })),
});

const WORKED: StartAddress = { address: 'https://idp.example.com/app/aws', from: 'learned', verified: true };

/**
 * A browser for silent sign-ins: each window gets the next tab ID; `postAfter` decides whether and
 * when the IdP posts, `page` what the window's page shows when it does not, and `fetched` what the
 * worker's own fetch of the address reads (undefined for both: stsbridge may not read the site).
 */
function fakeBrowser(options: { postAfter?: number; ended?: boolean; start?: StartAddress; page?: SignInPage; fetched?: SignInPage } = {}) {
  const log = { fetched: [] as string[], opened: [] as string[], closed: [] as number[], ended: [] as (string | undefined)[], notified: [] as string[], wanted: [] as (readonly string[])[], how: [] as string[], worked: [] as string[], failed: [] as string[], looked: [] as number[] };
  let tab = 100;
  const deps: SilentSignInDeps = {
    startAddress: () => Promise.resolve(options.start ?? WORKED),
    addressWorked: (_issuer, address) => {
      log.worked.push(address);
      return Promise.resolve();
    },
    addressFailed: (_issuer, address) => {
      log.failed.push(address);
      return Promise.resolve();
    },
    fetchPage: (address) => {
      log.fetched.push(address);
      return Promise.resolve(options.fetched);
    },
    readPage: (tabId) => {
      log.looked.push(tabId);
      return Promise.resolve(options.page);
    },
    sessionEnded: () => Promise.resolve(options.ended ?? false),
    markSessionEnded: (issuer) => {
      log.ended.push(issuer);
      return Promise.resolve();
    },
    notifySessionEnded: (address) => {
      log.notified.push(address);
      return Promise.resolve();
    },
    openWindow(url) {
      log.opened.push(url);
      tab += 1;
      const tabId = tab;
      if (options.postAfter !== undefined) setTimeout(() => claimPost(tabId, post), options.postAfter);
      return Promise.resolve({ windowId: tabId * 10, tabId });
    },
    closeWindow: (windowId) => {
      log.closed.push(windowId);
      return Promise.resolve();
    },
    login: (_post, request) => {
      log.wanted.push(request.wanted);
      log.how.push(request.how);
      return Promise.resolve(record([{ profile: 'p', expiration: '2030-01-01T01:00:00Z' }]));
    },
    timeoutMs: () => Promise.resolve(200),
  };
  return { deps, log };
}

describe('a silent sign-in', () => {
  it('opens the start address, hands the captured POST to a login of the wanted roles, and closes its window', async () => {
    const { deps, log } = fakeBrowser({ postAfter: 10 });
    const outcome = await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(outcome).toMatchObject({ record: { state: 'done' } });
    expect(log).toMatchObject({ opened: ['https://idp.example.com/app/aws'], closed: [1010], wanted: [[ADMIN]], how: ['command'], ended: [], notified: [], worked: ['https://idp.example.com/app/aws'], looked: [] });
  });

  it('takes no POST in time from a page that asks for a password: the session has ended, so it closes the window, remembers, and notifies', async () => {
    const { deps, log } = fakeBrowser({ page: { kind: 'asks' }, start: { ...WORKED, verified: false } });
    const outcome = await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(outcome).toEqual({ problem: expect.stringMatching(/^your session at idp\.example\.com has ended: it asked for a sign-in\. Sign in there/) });
    expect(log).toMatchObject({ closed: [1010], looked: [101], ended: ['urn:idp'], notified: ['https://idp.example.com/app/aws'], wanted: [], worked: [] });
  });

  it('signs in with no window where the site may be read: the assertion comes from the fetched page', async () => {
    const { deps, log } = fakeBrowser({ fetched: { kind: 'post', post } });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps)).toMatchObject({ record: { state: 'done' } });
    expect(log).toMatchObject({ fetched: ['https://idp.example.com/app/aws'], opened: [], wanted: [[ADMIN]], worked: ['https://idp.example.com/app/aws'] });
  });

  it('takes a fetched page that asks for a password for an ended session, with no window', async () => {
    const { deps, log } = fakeBrowser({ fetched: { kind: 'asks' }, start: { ...WORKED, verified: false } });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps)).toEqual({ problem: expect.stringMatching(/^your session at idp\.example\.com has ended: it asked for a sign-in/) });
    expect(log).toMatchObject({ opened: [], ended: ['urn:idp'], notified: ['https://idp.example.com/app/aws'] });
  });

  it('opens the window when the fetched page says neither (its scripts must run), and uses a form the page holds but never sent', async () => {
    const { deps, log } = fakeBrowser({ fetched: { kind: 'other' }, page: { kind: 'post', post } });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps)).toMatchObject({ record: { state: 'done' } });
    expect(log).toMatchObject({ fetched: ['https://idp.example.com/app/aws'], opened: ['https://idp.example.com/app/aws'], looked: [101], closed: [1010], wanted: [[ADMIN]] });
  });

  it('takes an address that signed in before and now sends nothing, where the page cannot be read, for an ended session', async () => {
    const { deps, log } = fakeBrowser();
    const outcome = await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(outcome).toEqual({ problem: expect.stringMatching(/^your session at idp\.example\.com has ended: the address that signed you in before sent nothing to AWS/) });
    expect(log).toMatchObject({ ended: ['urn:idp'], notified: ['https://idp.example.com/app/aws'] });
  });

  it('reports a page that sends no sign-in and asks for none as a wrong address, and blocks nothing', async () => {
    const dashboard: StartAddress = { address: 'https://idp.example.com/app/UserHome', from: 'options', verified: true };
    const { deps, log } = fakeBrowser({ page: { kind: 'other' }, start: dashboard });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps)).toEqual({
      problem: "the page at https://idp.example.com/app/UserHome did not send a sign-in to AWS and asks for no password: it is not your AWS app's address. Set the address of your AWS app in the stsbridge options, under Identity providers",
    });
    expect(log).toMatchObject({ closed: [1010], ended: [], notified: [], failed: ['https://idp.example.com/app/UserHome'] });
  });

  it('reports a guessed address that never signed in and sends nothing, where the page cannot be read, as most likely wrong', async () => {
    const guessed: StartAddress = { address: 'https://example.okta.com/app/amazon_aws/exk1/sso/saml', from: 'derived', vendor: 'Okta', verified: false };
    const { deps, log } = fakeBrowser({ start: guessed });
    const outcome = await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(outcome).toEqual({
      problem:
        "the address stsbridge worked out from your Okta sign-in, https://example.okta.com/app/amazon_aws/exk1/sso/saml, did not send a sign-in to AWS within 0 s, and no sign-in has come from it yet, so it is most likely not your AWS app's address: set the address of your AWS app in the stsbridge options, under Identity providers. (If that page asks you to sign in, sign in there instead.)",
    });
    expect(log).toMatchObject({ ended: [], notified: [], failed: [guessed.address] });
    // Nothing was marked: the next attempt opens a window again.
    await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(log.opened).toHaveLength(2);
  });

  it('opens nothing for an IdP whose session ended, or whose start address is unknown', async () => {
    const ended = fakeBrowser({ ended: true });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, ended.deps)).toEqual({ problem: expect.stringContaining('has ended; sign in there') });
    expect(ended.log.opened).toEqual([]);
    const unknown = fakeBrowser({ start: { problem: 'stsbridge does not know where sign-ins through this identity provider start' } });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, unknown.deps)).toEqual({ problem: 'stsbridge does not know where sign-ins through this identity provider start' });
    expect(unknown.log.opened).toEqual([]);
  });

  it('runs one at a time per identity provider', async () => {
    const { deps, log } = fakeBrowser({ postAfter: 20 });
    let open = 0;
    let most = 0;
    const openWindow = deps.openWindow.bind(deps);
    const counted: SilentSignInDeps = {
      ...deps,
      openWindow: (url) => {
        open += 1;
        most = Math.max(most, open);
        return openWindow(url);
      },
      closeWindow: (id) => {
        open -= 1;
        return deps.closeWindow(id);
      },
    };
    await Promise.all([silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, counted), silentSignIn('urn:idp', { wanted: [DEV], how: 'command' }, counted)]);
    expect(most).toBe(1);
    expect(log.wanted).toEqual([[ADMIN], [DEV]]);
  });
});

describe('a refresh of named profiles', () => {
  const origins = {
    admin: { roleArn: ADMIN, issuer: 'urn:okta', at: '2030-01-01T00:00:00Z' },
    dev: { roleArn: DEV, issuer: 'urn:okta', at: '2030-01-01T00:00:00Z' },
    deploy: { roleArn: DEPLOY, via: ADMIN, issuer: 'urn:okta', at: '2030-01-01T00:00:00Z' },
    entra: { roleArn: DEV, issuer: 'urn:entra', at: '2030-01-01T00:00:00Z' },
  };

  it('signs in once per identity provider for all its roles (a chained one through its source), and answers in the order asked', async () => {
    const asked: [string | undefined, readonly string[]][] = [];
    const results = await refreshProfiles({ profiles: ['deploy', 'nobody', 'entra', 'admin', 'dev'] }, {
      origins: () => Promise.resolve(origins),
      signIn(issuer, wanted) {
        asked.push([issuer, wanted]);
        if (issuer === 'urn:entra') return Promise.resolve({ problem: 'your session at login.microsoftonline.com has ended' });
        return Promise.resolve({
          record: record([
            { profile: 'admin', expiration: '2030-01-01T01:00:00Z' },
            { profile: 'deploy', state: 'failed', error: { code: 'sts-rejected', message: 'AWS STS refused the role Deploy' } },
          ]),
        });
      },
    });
    expect(asked).toEqual([
      ['urn:okta', [ADMIN, DEV]],
      ['urn:entra', [DEV]],
    ]);
    expect(results).toEqual([
      { profile: 'deploy', state: 'failed', message: 'AWS STS refused the role Deploy' },
      { profile: 'nobody', state: 'unknown', message: 'this browser has not written nobody' },
      { profile: 'entra', state: 'failed', message: 'your session at login.microsoftonline.com has ended' },
      { profile: 'admin', state: 'refreshed', expiration: '2030-01-01T01:00:00Z' },
      { profile: 'dev', state: 'failed', message: expect.stringContaining('the sign-in did not write it') },
    ]);
  });

  it('refreshes every profile it knows for --all, and does not take Object.prototype for a profile', async () => {
    const asked: string[] = [];
    await refreshProfiles({ all: true }, { origins: () => Promise.resolve(origins), signIn: (issuer) => (asked.push(issuer!), Promise.resolve({ problem: 'x' })) });
    expect(asked.sort()).toEqual(['urn:entra', 'urn:okta']);
    const results = await refreshProfiles({ profiles: ['constructor'] }, { origins: () => Promise.resolve(origins), signIn: () => Promise.reject(new Error('never')) });
    expect(results).toEqual([{ profile: 'constructor', state: 'unknown', message: 'this browser has not written constructor' }]);
  });
});
