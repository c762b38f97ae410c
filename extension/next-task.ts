// The browser takes a worker's messages in the order they are sent. A login's STS request is
// sent by the SDK some microtasks after the call that starts it; a message sent in between (a
// storage write, the host's ping) would reach the browser first and hold the request up behind
// it. Bookkeeping waits for the next task instead, which comes only once those microtasks ran.

/** Resolves in a later task, after every microtask queued before the call. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
