// How long credentials have left, in words a person reads at a glance. Pure, for unit tests.

/** "in 2 h 05 min", "in 14 min 09 s", "expired 3 min ago". */
export function timeLeft(expiration: string, now: number): string {
  const ms = Date.parse(expiration) - now;
  if (Number.isNaN(ms)) return 'expiry unknown';
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (ms <= 0) return h > 0 ? `expired ${h} h ${pad(m)} min ago` : m > 0 ? `expired ${m} min ago` : 'expired just now';
  // Under an hour the seconds matter: that is when people decide whether to log in again first.
  return h > 0 ? `in ${h} h ${pad(m)} min` : `in ${m} min ${pad(s)} s`;
}

/** The local wall-clock time of `expiration`, e.g. "14:05". */
export function clockTime(expiration: string): string {
  const time = Date.parse(expiration);
  return Number.isNaN(time) ? '' : new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
