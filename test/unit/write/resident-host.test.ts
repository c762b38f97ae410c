import { describe, expect, it } from 'vitest';
import { LoginError } from '../../../extension/errors';
import type { HostStatus } from '../../../extension/storage/host-status';
import type { HostConnection } from '../../../extension/write/host-port';
import { RECONNECT_BACKOFF_MS, residentHost } from '../../../extension/write/resident-host';
import { PROTOCOL_VERSION, type HostReply, type HostRequest } from '../../../native-host/protocol';

/** A fake port: answers pings as told, records requests, closes like Chrome's. */
class FakePort implements HostConnection {
  requests: HostRequest['type'][] = [];
  closedBy?: 'us' | 'host' | 'idle';
  private pending = 0;
  private onClosed!: (reason: LoginError) => void;
  readonly closed = new Promise<LoginError>((resolve) => (this.onClosed = resolve));
  constructor(
    private readonly answer: (request: HostRequest['type']) => Promise<HostReply>,
    private idleWanted = false,
  ) {}
  async request(request: Parameters<HostConnection['request']>[0]): Promise<HostReply> {
    if (this.closedBy) throw new LoginError('host-failed', 'closed');
    this.requests.push(request.type);
    this.pending += 1;
    try {
      return await this.answer(request.type);
    } finally {
      this.pending -= 1;
      if (this.idleWanted && this.pending === 0) this.end('idle');
    }
  }
  close(): void {
    this.end('us');
  }
  closeWhenIdle(): void {
    this.idleWanted = true;
    if (this.pending === 0) this.end('idle');
  }
  /** The host process died: Chrome closes the port. */
  die(): void {
    this.end('host');
  }
  private end(by: 'us' | 'host' | 'idle'): void {
    if (this.closedBy) return;
    this.closedBy = by;
    this.onClosed(new LoginError('host-failed', `closed by ${by}`));
  }
}

const pong = (extra: Partial<Extract<HostReply, { type: 'ping' }>> = {}): HostReply => ({ ok: true, type: 'ping', version: '1.0.0', protocol: PROTOCOL_VERSION, capabilities: [], ...extra });

function harness(answers: ((request: HostRequest['type']) => Promise<HostReply>)[] = []) {
  const ports: FakePort[] = [];
  const reports: HostStatus[] = [];
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const host = residentHost({
    connect: () => {
      const port = new FakePort(answers[ports.length] ?? (() => Promise.resolve(pong())));
      ports.push(port);
      return port;
    },
    now: () => new Date('2030-01-01T00:00:00Z'),
    report: (status) => {
      reports.push(status);
      return Promise.resolve();
    },
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  const fire = () => {
    const timer = timers.find((entry) => !entry.cancelled);
    timer!.cancelled = true;
    timer!.run();
  };
  return { host, ports, reports, timers, fire };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the resident host', () => {
  it('opens one port at start, pings it, and reports it as the resident helper', async () => {
    const { host, ports, reports } = harness();
    host.start();
    host.start();
    await settle();
    expect(ports).toHaveLength(1);
    expect(reports).toEqual([expect.objectContaining({ state: 'ok', version: '1.0.0', resident: true })]);
  });

  it('shares the one port among logins that come together, and releasing a lease keeps it open', async () => {
    const { host, ports } = harness();
    const leases = Array.from({ length: 10 }, () => host.lease());
    const ready = await Promise.all(leases.map((lease) => lease.ready));
    for (const lease of leases) lease.release();
    expect(ports).toHaveLength(1);
    expect(new Set(ready.map((entry) => entry.connection)).size).toBe(1);
    expect(ports[0]!.requests).toEqual(Array(10).fill('ping'));
    expect(ports[0]!.closedBy).toBeUndefined();
  });

  it('reconnects at once when the host dies, then backs off while it keeps failing', async () => {
    const missing = () => Promise.reject(new LoginError('host-missing', 'not installed'));
    const { host, ports, timers, fire, reports } = harness([() => Promise.resolve(pong()), missing, missing, missing]);
    host.start();
    await settle();
    ports[0]!.die();
    await settle();
    expect(timers.map((timer) => timer.ms)).toEqual([RECONNECT_BACKOFF_MS[0]]);
    fire();
    await settle();
    expect(ports).toHaveLength(2);
    expect(reports.at(-1)).toMatchObject({ state: 'missing', resident: true });
    // The missing host's port closes; the next try waits longer, and the one after longer still.
    ports[1]!.die();
    await settle();
    fire();
    await settle();
    ports[2]!.die();
    await settle();
    expect(timers.map((timer) => timer.ms)).toEqual(RECONNECT_BACKOFF_MS.slice(0, 3));
  });

  it('does not wait for the backoff when a login needs the host', async () => {
    const { host, ports } = harness();
    host.start();
    await settle();
    ports[0]!.die();
    await settle();
    const { connection, status } = await host.lease().ready;
    expect(status.state).toBe('ok');
    expect(connection).toBe(ports[1]);
  });

  it('moves to a newly installed host when the ping says it was superseded, letting the old one finish', async () => {
    let release!: () => void;
    const slowWrite = new Promise<HostReply>((resolve) => (release = () => resolve({ ok: true, type: 'write-profiles', file: '/c', profiles: [], refused: [], notes: [] })));
    const { host, ports } = harness([
      (type) => (type === 'ping' ? Promise.resolve(pong({ superseded: ports[0]!.requests.filter((t) => t === 'ping').length > 1 })) : slowWrite),
      () => Promise.resolve(pong({ version: '2.0.0' })),
    ]);
    const first = await host.lease().ready;
    const writing = first.connection.request({ type: 'write-profiles', profiles: [] });
    const next = await host.lease().ready;
    expect(next.status).toMatchObject({ state: 'ok', version: '2.0.0' });
    expect(next.connection).toBe(ports[1]);
    // The old port stays open for the write in flight, then closes.
    expect(ports[0]!.closedBy).toBeUndefined();
    release();
    await writing;
    await settle();
    expect(ports[0]!.closedBy).toBe('idle');
  });

  it('reconnects once to a host too old for it, in case a newer one is installed, and reports what it finds', async () => {
    const old = () => Promise.resolve(pong({ version: '0.0.1', protocol: 1 }));
    const { host, ports } = harness([old, old]);
    const { status } = await host.lease().ready;
    expect(ports).toHaveLength(2);
    expect(status).toMatchObject({ state: 'too-old', version: '0.0.1' });
  });

  it('closes its port and stops reconnecting when the option is turned off', async () => {
    const { host, ports, timers } = harness();
    host.start();
    await settle();
    host.stop();
    await settle();
    expect(ports[0]!.closedBy).toBe('idle');
    expect(timers).toEqual([]);
  });
});
