// When `stsbridge credentials` asks the browser (native-host/cli/refresh-due.ts).

import { describe, expect, it } from 'vitest';
import { refreshDue } from '../../../native-host/cli/refresh-due';

const MIN = 60_000;
const now = Date.parse('2030-01-01T12:00:00Z');
const within = 15 * MIN;

describe('a refresh is due', () => {
  it('for expired keys, always', () => {
    expect(refreshDue({ expiresAt: now, refreshedAt: now - 10 * 1000 }, now, within)).toBe(true);
  });

  it('without a stamp, inside the window only', () => {
    expect(refreshDue({ expiresAt: now + 16 * MIN }, now, within)).toBe(false);
    expect(refreshDue({ expiresAt: now + 14 * MIN }, now, within)).toBe(true);
  });

  it('never for keys refreshed in the last minute, however near expiry', () => {
    expect(refreshDue({ expiresAt: now + 2 * MIN, refreshedAt: now - 30 * 1000 }, now, within)).toBe(false);
  });

  it('for sessions shorter than the window, only in their last third: no sign-in per call', () => {
    // A 15-minute session, as the options offer: inside the 15-minute window from its first second.
    const issued = now;
    const session = { expiresAt: issued + 15 * MIN, refreshedAt: issued };
    const calls = Array.from({ length: 15 }, (_, minute) => refreshDue(session, issued + minute * MIN + 1000, within));
    // Minutes 0 to 9 served as they are; from minute 10 (5 left), due.
    expect(calls).toEqual([...Array(10).fill(false), ...Array(5).fill(true)]);
  });

  it('for hour-long sessions, at the window as before', () => {
    const session = { expiresAt: now + 60 * MIN, refreshedAt: now };
    expect(refreshDue(session, now + 44 * MIN, within)).toBe(false);
    expect(refreshDue(session, now + 46 * MIN, within)).toBe(true);
  });
});
