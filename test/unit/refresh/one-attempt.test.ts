// One sign-in per identity provider for any number of callers (extension/refresh/one-attempt.ts).

import { describe, expect, it } from 'vitest';
import { oneAttemptPerIssuer } from '../../../extension/refresh/one-attempt';

const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const DEV = 'arn:aws:iam::444455556666:role/Dev';
const OPS = 'arn:aws:iam::777788889999:role/Ops';

/** A sign-in that waits for the test to finish it, logging each attempt's roles. */
function controlled() {
  const attempts: { issuer: string | undefined; wanted: readonly string[]; finish: (value: string) => void }[] = [];
  const signIn = oneAttemptPerIssuer((issuer: string | undefined, wanted: readonly string[], _how: string) => new Promise<string>((finish) => attempts.push({ issuer, wanted, finish })));
  return { attempts, signIn };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('one attempt per identity provider', () => {
  it('serves twenty callers for the same role with one sign-in, and all get its outcome', async () => {
    const { attempts, signIn } = controlled();
    const callers = Array.from({ length: 20 }, () => signIn('https://idp', [ADMIN], 'command'));
    expect(attempts).toHaveLength(1);
    attempts[0]!.finish('keys-1');
    expect(await Promise.all(callers)).toEqual(Array(20).fill('keys-1'));
  });

  it('gathers roles asked for during an attempt into one next attempt', async () => {
    const { attempts, signIn } = controlled();
    const first = signIn('https://idp', [ADMIN], 'command');
    const second = signIn('https://idp', [DEV], 'command');
    const third = signIn('https://idp', [OPS, ADMIN], 'silent');
    const joiner = signIn('https://idp', [ADMIN], 'command');
    expect(attempts.map((attempt) => attempt.wanted)).toEqual([[ADMIN]]);
    attempts[0]!.finish('one');
    await tick();
    expect(attempts.map((attempt) => attempt.wanted)).toEqual([[ADMIN], [DEV, OPS, ADMIN]]);
    attempts[1]!.finish('two');
    expect(await Promise.all([first, second, third, joiner])).toEqual(['one', 'two', 'two', 'one']);
  });

  it('keeps identity providers apart, and starts afresh once an attempt has ended', async () => {
    const { attempts, signIn } = controlled();
    const a = signIn('https://a', [ADMIN], 'command');
    const b = signIn('https://b', [ADMIN], 'command');
    expect(attempts.map((attempt) => attempt.issuer)).toEqual(['https://a', 'https://b']);
    attempts[0]!.finish('a');
    attempts[1]!.finish('b');
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    const again = signIn('https://a', [ADMIN], 'command');
    expect(attempts).toHaveLength(3);
    attempts[2]!.finish('a2');
    expect(await again).toBe('a2');
  });

  it('runs the next attempt even when the one before failed', async () => {
    const attempts: string[] = [];
    const signIn = oneAttemptPerIssuer((_issuer: string | undefined, wanted: readonly string[], _how: string) => {
      attempts.push(wanted.join());
      return attempts.length === 1 ? Promise.reject(new Error('window closed')) : Promise.resolve('ok');
    });
    const first = signIn('https://idp', [ADMIN], 'command');
    const second = signIn('https://idp', [DEV], 'command');
    await expect(first).rejects.toThrow('window closed');
    expect(await second).toBe('ok');
    expect(attempts).toEqual([ADMIN, DEV]);
  });
});
