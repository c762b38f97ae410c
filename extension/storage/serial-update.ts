// Read-merge-write of one stored value, one at a time. storage.get and storage.set are separate
// asynchronous steps: two logins finishing together would each read the old list and the second
// write would drop the first one's profiles. Each item keeps a queue of its updates instead.
// Pure (no browser API), so it is unit-tested on its own.

export type Update<T> = (change: (current: T) => T) => Promise<T>;

/**
 * An `update` for a value read by `get` and written by `set`. `change` gets the current value and
 * returns the new one; returning the same value writes nothing. Updates run in call order, each
 * on the value the one before left; one that throws leaves the value as it was and does not stop
 * the next.
 */
export function serialUpdate<T>(get: () => Promise<T>, set: (value: T) => Promise<void>): Update<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (change) => {
    const run = queue.then(async () => {
      const current = await get();
      const next = change(current);
      if (next !== current) await set(next);
      return next;
    });
    queue = run.catch(() => undefined);
    return run;
  };
}
