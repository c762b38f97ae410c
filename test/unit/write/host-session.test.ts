import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type HostReply } from '../../../native-host/protocol';
import { LoginError } from '../../../extension/errors';
import type { HostStatus } from '../../../extension/storage/host-status';
import type { HostConnection } from '../../../extension/write/host-port';
import { freshHost } from '../../../extension/write/host-lease';
import { hostSession } from '../../../extension/write/host-session';

const PONG: HostReply = { ok: true, type: 'ping', version: '9.9.9', protocol: PROTOCOL_VERSION, capabilities: [] };
const profile = { name: 'p', accessKeyId: 'AKIA', secretAccessKey: 's', sessionToken: 't', expiration: '2030-01-01T00:00:00Z' };

function fakeHost(answer: { ping?: () => Promise<HostReply>; write?: () => Promise<HostReply> } = {}) {
  const log = { connects: 0, closes: 0, requests: [] as string[], reports: [] as HostStatus[] };
  const connection: HostConnection = {
    request(request) {
      log.requests.push(request.type);
      if (request.type === 'ping') return answer.ping?.() ?? Promise.resolve(PONG);
      return answer.write?.() ?? Promise.resolve({ ok: true, type: 'write-profiles', file: '/c', profiles: ['p'], notes: [] } as unknown as HostReply);
    },
    close() {
      log.closes += 1;
    },
    closeWhenIdle() {
      log.closes += 1;
    },
    closed: new Promise(() => undefined),
  };
  const session = hostSession({
    acquire: () =>
      freshHost(() => {
        log.connects += 1;
        return connection;
      }, () => new Date('2030-01-01T00:00:00Z')),
    report: (status) => {
      log.reports.push(status);
      return Promise.resolve();
    },
  });
  return { session, log };
}

describe('the host as one login uses it (here a fresh host per login)', () => {
  it('starts once however often it is asked, pings as it starts, and writes once', async () => {
    const { session, log } = fakeHost();
    session.start();
    session.start();
    const outcome = await session.write([profile]);
    session.close();
    expect(log).toMatchObject({ connects: 1, closes: 1, requests: ['ping', 'write-profiles'] });
    // An old host's reply without `refused` reads as nothing refused.
    expect(outcome).toEqual({ reply: { ok: true, type: 'write-profiles', file: '/c', profiles: ['p'], notes: [], refused: [] } });
    expect(log.reports).toEqual([expect.objectContaining({ state: 'ok', version: '9.9.9' })]);
  });

  it('starts the host itself when write comes first, and closes nothing it never opened', async () => {
    const idle = fakeHost();
    idle.session.close();
    expect(idle.log).toMatchObject({ connects: 0, closes: 0 });
    const { session, log } = fakeHost();
    expect(await session.write([profile])).toHaveProperty('reply');
    expect(log.connects).toBe(1);
  });

  it('sends no write to a host the ping found missing, and returns the reason as a value', async () => {
    const { session, log } = fakeHost({ ping: () => Promise.reject(new LoginError('host-missing', 'not installed')) });
    const outcome = await session.write([profile]);
    expect(log.requests).toEqual(['ping']);
    expect(outcome).toEqual({ error: new LoginError('host-missing', 'not installed') });
    expect((outcome as { error: LoginError }).error.code).toBe('host-missing');
    expect(log.reports).toEqual([expect.objectContaining({ state: 'missing' })]);
  });

  it('returns the host’s own words when it refuses the write, and a lost port as an error', async () => {
    const refused = fakeHost({ write: () => Promise.resolve({ ok: false, code: 8, error: 'fileWriteFailed', message: 'cannot write /c' } as HostReply) });
    const outcome = (await refused.session.write([profile])) as { error: LoginError };
    expect(outcome).toEqual({ error: new LoginError('write-failed', 'cannot write /c', { code: 8, error: 'fileWriteFailed' }) });
    const lost = fakeHost({ write: () => Promise.reject(new LoginError('host-failed', 'gone')) });
    expect(await lost.session.write([profile])).toEqual({ error: new LoginError('host-failed', 'gone') });
  });
});
