// What the extension last learned about the native host: shown in the popup, so that a missing
// or outdated host is explained before a login fails, with the command that fixes it.

export type HostState = 'ok' | 'missing' | 'forbidden' | 'too-old' | 'failed';

export interface HostStatus {
  readonly state: HostState;
  /** The host's version and protocol, when it answered. */
  readonly version?: string;
  readonly protocol?: number;
  /** True when this came from the resident helper, the port kept open for the browser's lifetime. */
  readonly resident?: boolean;
  /** For people: what is wrong and the command that fixes it; empty when all is well. */
  readonly message: string;
  readonly checkedAt: string;
}

const STATES: readonly HostState[] = ['ok', 'missing', 'forbidden', 'too-old', 'failed'];

export function parseHostStatus(stored: unknown): HostStatus | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const status = stored as Partial<HostStatus>;
  return STATES.includes(status.state!) && typeof status.message === 'string' && typeof status.checkedAt === 'string'
    ? (status as HostStatus)
    : undefined;
}
