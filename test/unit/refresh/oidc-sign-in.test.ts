import { describe, expect, it } from 'vitest';
import { oidcSignIn, type OidcSignInDeps } from '../../../extension/refresh/oidc-sign-in';
import type { LoginRecord } from '../../../extension/storage/login-record';
import type { OidcLoginRequest } from '../../../extension/worker/run-oidc-login';

const ISSUER = 'https://login.example.com';

function harness(outcome: (request: OidcLoginRequest) => Partial<LoginRecord>) {
  const ended = new Set<string>();
  const calls = { logins: [] as OidcLoginRequest[], notified: 0, signedIn: 0 };
  const deps: OidcSignInDeps = {
    login(_issuer, request) {
      calls.logins.push(request);
      return Promise.resolve({ id: 'l', at: '2030-01-01T00:00:00Z', signinUrl: ISSUER, state: 'done', results: [], ...outcome(request) });
    },
    sessionEnded: (issuer) => Promise.resolve(ended.has(issuer)),
    markSessionEnded: (issuer) => Promise.resolve(void ended.add(issuer)),
    signedIn: (issuer) => Promise.resolve(void (ended.delete(issuer), (calls.signedIn += 1))),
    notifySessionEnded: () => Promise.resolve(void (calls.notified += 1)),
  };
  return { deps, calls, ended };
}

describe('OpenID Connect sign-ins for refreshes', () => {
  it('notifies once when the provider wants the person, then leaves it alone until they sign in', async () => {
    const h = harness((request) => (request.interactive ? {} : { state: 'failed', error: { code: 'oidc-session-ended', message: 'wants you' } }));
    const silent = { interactive: false, how: 'silent' } as const;
    expect(await oidcSignIn(ISSUER, silent, h.deps)).toEqual({ problem: expect.stringMatching(/session at login.example.com has ended/) });
    expect(await oidcSignIn(ISSUER, silent, h.deps)).toEqual({ problem: expect.stringMatching(/has ended/) });
    // One attempt, one notification: no loop.
    expect(h.calls.logins).toHaveLength(1);
    expect(h.calls.notified).toBe(1);
    // The person signs in: silent refreshes run again.
    expect(await oidcSignIn(ISSUER, { interactive: true, how: 'console' }, h.deps)).toMatchObject({ record: { state: 'done' } });
    expect(h.calls.signedIn).toBe(1);
    expect(h.ended.size).toBe(0);
    expect(await oidcSignIn(ISSUER, silent, h.deps)).toMatchObject({ problem: expect.any(String) });
    expect(h.calls.logins).toHaveLength(3);
  });

  it('runs one sign-in per provider at a time', async () => {
    let running = 0;
    let most = 0;
    const h = harness(() => ({}));
    const login = h.deps.login.bind(h.deps);
    h.deps.login = async (issuer, request) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running -= 1;
      return login(issuer, request);
    };
    await Promise.all([1, 2, 3].map(() => oidcSignIn(ISSUER, { interactive: false, how: 'command' }, h.deps)));
    expect(most).toBe(1);
  });
});
