// The one check of a time a request carries: a write's expiry and a refresh result's alike.

const ISO_INSTANT = /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})T(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.\d{1,9})?(?:Z|[+-](?<offsetHours>\d{2}):(?<offsetMinutes>\d{2}))$/;

/**
 * An ISO 8601 instant that names a real moment: Date.parse alone accepts `2030-02-31` (as March
 * 3rd) and would let an impossible date into the file. Years 1970 to 9999, hours 0 to 23.
 */
export function isInstant(text: string): boolean {
  const groups = ISO_INSTANT.exec(text)?.groups;
  if (!groups) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = ['year', 'month', 'day', 'hour', 'minute', 'second', 'offsetHours', 'offsetMinutes'].map(
    (name) => Number(groups[name] ?? 0),
  ) as [number, number, number, number, number, number, number, number];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return false;
  // Day 0 of the next month is the last day of this one.
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
