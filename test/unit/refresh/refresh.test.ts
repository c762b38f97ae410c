import { describe, expect, it } from 'vitest';
import type { SamlPost } from '../../../extension/capture/saml-post';
import { claimPost } from '../../../extension/refresh/pending';
import { refreshProfiles } from '../../../extension/refresh/refresh-profiles';
import { silentSignIn, type SilentSignInDeps } from '../../../extension/refresh/silent-sign-in';
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

/** A browser for silent sign-ins: each window gets the next tab ID; `postAfter` decides whether and when the IdP posts. */
function fakeBrowser(options: { postAfter?: number; ended?: boolean; address?: string } = {}) {
  const log = { opened: [] as string[], closed: [] as number[], ended: [] as (string | undefined)[], notified: [] as string[], wanted: [] as (readonly string[])[], how: [] as string[] };
  let tab = 100;
  const deps: SilentSignInDeps = {
    startAddress: () => Promise.resolve('address' in options ? options.address : 'https://idp.example.com/app/aws'),
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
    expect(log).toMatchObject({ opened: ['https://idp.example.com/app/aws'], closed: [1010], wanted: [[ADMIN]], how: ['command'], ended: [], notified: [] });
  });

  it('takes no POST in time for an ended session: closes the window, remembers, and notifies', async () => {
    const { deps, log } = fakeBrowser();
    const outcome = await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, deps);
    expect(outcome).toEqual({ problem: expect.stringMatching(/^your session at idp\.example\.com has ended: it asked for a sign-in/) });
    expect(log).toMatchObject({ closed: [1010], ended: ['urn:idp'], notified: ['https://idp.example.com/app/aws'], wanted: [] });
  });

  it('opens nothing for an IdP whose session ended, or whose start address is unknown', async () => {
    const ended = fakeBrowser({ ended: true });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, ended.deps)).toEqual({ problem: expect.stringContaining('has ended; sign in there') });
    expect(ended.log.opened).toEqual([]);
    const unknown = fakeBrowser({ address: undefined });
    expect(await silentSignIn('urn:idp', { wanted: [ADMIN], how: 'command' }, unknown.deps)).toEqual({ problem: expect.stringContaining('does not know where sign-ins through this identity provider start') });
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
