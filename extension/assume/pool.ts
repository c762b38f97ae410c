// A bounded pool: many STS calls from one assertion, at most `limit` in flight. All roles of a
// login must be redeemed within the assertion's validity (often 5 minutes, 1 with some Keycloak
// setups), yet a burst of hundreds of calls would only be throttled by STS.

/** Returns a function that runs tasks with at most `limit` running at once, in call order. */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>) => {
    // A finishing task hands its slot straight to the next waiter, so no newcomer slips in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const handOver = waiting.shift();
      if (handOver) handOver();
      else running -= 1;
    }
  };
}
