import { describe, expect, it } from 'vitest';
import { routeMessage, type MessageDeps } from '../../../extension/messages/route-message';
import { limitConcurrency } from '../../../extension/assume/pool';
import { refreshedMessage } from '../../../extension/show/notifications/refreshed';
import { PROTOCOL_VERSION, type HostRequest } from '../../../native-host/protocol';

const ID = 'fcbnhbgmfinjpmnedlfoofbogopdmfie';
const BASE = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${BASE}extension/show/popup/index.html` };

function deps(requests: HostRequest[] = []): MessageDeps {
  return {
    extensionId: ID,
    extensionUrl: BASE,
    checkHost: () => Promise.resolve({ state: 'ok', version: '0.1.0', protocol: PROTOCOL_VERSION, message: '', checkedAt: 'now' }),
    hostRequest(request) {
      requests.push(request);
      if (request.type === 'remove-profiles') return Promise.resolve({ ok: true, type: 'remove-profiles', file: '/f', removed: ['a'], notManaged: ['b'], notes: [] });
      if (request.type === 'set-mode' && request.name === 'taken') return Promise.resolve({ ok: false, code: 12, error: 'modeRefused', message: 'taken has access keys that stsbridge did not write.' });
      if (request.type === 'set-mode') return Promise.resolve({ ok: true, type: 'set-mode', name: request.name, mode: request.mode, changed: true, notes: ['n'] });
      return Promise.resolve({ ok: false, code: 7, error: 'fileReadFailed', message: 'The credentials file could not be read.' });
    },
    forgetProfiles: () => Promise.resolve(),
    forgetCredentials: () => Promise.resolve(),
    refreshProfile: (profile) => Promise.resolve({ profile, state: 'refreshed', expiration: '2030-01-01T00:00:00Z' }),
    oidcSignIn: (issuer) => Promise.resolve(issuer === 'https://login.example.com' ? { state: 'done' } : { state: 'failed', message: 'not configured' }),
  };
}

describe('the worker message router', () => {
  it('answers the popup and the options page', async () => {
    expect(await routeMessage({ type: 'ui-bg-check-host' }, popup, deps())).toMatchObject({ ok: true, value: { state: 'ok' } });
    const requests: HostRequest[] = [];
    const reply = await routeMessage({ type: 'ui-bg-remove-profiles', names: ['a', 'b'] }, { id: ID, url: `${BASE}extension/show/options/index.html` }, deps(requests));
    expect(reply).toEqual({ ok: true, value: { removed: ['a'], notManaged: ['b'] } });
    expect(requests).toEqual([{ type: 'remove-profiles', names: ['a', 'b'] }]);
  });

  it("passes a mode switch on to the host's set-mode, and refuses one it does not know", async () => {
    const requests: HostRequest[] = [];
    expect(await routeMessage({ type: 'ui-bg-set-mode', name: 'a', mode: 'process' }, popup, deps(requests))).toEqual({ ok: true, value: { mode: 'process', changed: true, notes: ['n'] } });
    expect(requests).toEqual([{ type: 'set-mode', name: 'a', mode: 'process' }]);
    expect(routeMessage({ type: 'ui-bg-set-mode', name: 'a', mode: 'static' }, popup, deps())).toBeUndefined();
  });

  it('passes *Refresh now* on, and refuses one without a usable profile name', async () => {
    expect(await routeMessage({ type: 'ui-bg-refresh-profile', profile: 'dev' }, popup, deps())).toEqual({ ok: true, value: { profile: 'dev', state: 'refreshed', expiration: '2030-01-01T00:00:00Z' } });
    for (const profile of ['', 'x'.repeat(65), 42, undefined]) expect(routeMessage({ type: 'ui-bg-refresh-profile', profile }, popup, deps())).toBeUndefined();
  });

  it('passes *Sign in with …* on, and refuses an issuer that is not an https address', async () => {
    expect(await routeMessage({ type: 'ui-bg-oidc-sign-in', issuer: 'https://login.example.com' }, popup, deps())).toEqual({ ok: true, value: { state: 'done' } });
    expect(await routeMessage({ type: 'ui-bg-oidc-sign-in', issuer: 'https://other.example.com' }, popup, deps())).toEqual({ ok: true, value: { state: 'failed', message: 'not configured' } });
    for (const issuer of ['', 'http://login.example.com', `https://${'x'.repeat(250)}`, 42, undefined]) expect(routeMessage({ type: 'ui-bg-oidc-sign-in', issuer }, popup, deps())).toBeUndefined();
  });

  it.each([
    ['a content script on an AWS page', { id: ID, url: 'https://signin.aws.amazon.com/saml' }],
    ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop', url: `chrome-extension://abcdefghijklmnopabcdefghijklmnop/extension/show/popup/index.html` }],
    ['another page of ours', { id: ID, url: `${BASE}somewhere/else.html` }],
    ['no sender URL', { id: ID }],
  ])('refuses %s', async (_label, sender) => {
    expect(await routeMessage({ type: 'ui-bg-forget-credentials' }, sender, deps())).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('leaves messages it does not know to others', () => {
    expect(routeMessage({ type: 'something-else' }, popup, deps())).toBeUndefined();
    expect(routeMessage('ui-bg-check-host', popup, deps())).toBeUndefined();
    expect(routeMessage({ type: 'ui-bg-remove-profiles', names: [] }, popup, deps())).toBeUndefined();
  });

  it("keeps the host's own error for a refused mode switch: it is no failed write", async () => {
    expect(await routeMessage({ type: 'ui-bg-set-mode', name: 'taken', mode: 'process' }, popup, deps())).toEqual({
      ok: false,
      code: 'host-refused',
      message: 'taken has access keys that stsbridge did not write.',
      host: { code: 12, error: 'modeRefused' },
    });
  });

  it('passes the host failure on as data, with its code', async () => {
    expect(await routeMessage({ type: 'ui-bg-managed-profiles' }, popup, deps())).toEqual({
      ok: false,
      code: 'host-refused',
      message: 'The credentials file could not be read.',
      host: { code: 7, error: 'fileReadFailed' },
    });
  });
});

describe('limitConcurrency', () => {
  it('never runs more than the limit, and runs everything', async () => {
    const limit = limitConcurrency(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, i % 4));
          running -= 1;
          if (i === 7) throw new Error('seven');
          return i;
        }).catch(() => -1),
      ),
    );
    expect(most).toBe(3);
    expect(results.filter((value) => value === -1)).toHaveLength(1);
    expect(results).toHaveLength(25);
  });
});

describe('the refresh notification', () => {
  const result = (profile: string, state: 'written' | 'failed' = 'written') => ({
    profile,
    roleArn: 'r',
    accountId: '1',
    roleName: 'R',
    partition: 'aws' as const,
    state,
    expiration: '2030-01-01T01:00:00Z',
    notes: [],
  });
  it('names the profiles and counts the ones that failed', () => {
    const text = refreshedMessage({ id: '1', at: 'x', signinUrl: 'x', state: 'done', results: ['a', 'b', 'c', 'd'].map((n) => result(n)).concat(result('e', 'failed')) });
    expect(text?.title).toBe('4 AWS profiles refreshed');
    expect(text?.message).toMatch(/^a, b, c and 1 more: valid until .+\. 1 could not be written; see the stsbridge popup\.$/);
  });
  it('says nothing for a failed login', () => {
    expect(refreshedMessage({ id: '1', at: 'x', signinUrl: 'x', state: 'failed', results: [] })).toBeUndefined();
  });
});
