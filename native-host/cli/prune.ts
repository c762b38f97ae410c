// `prune-expired` for a person: the host's own request, in words. Pruning is never automatic: a
// profile's expiry is no reason to touch the file unasked.

import { handle, type HostContext } from '../handle';
import type { Terminal } from './terminal';

export async function pruneExpired(context: HostContext, { print, printError }: Terminal): Promise<number> {
  // A terminal has no 1 MB limit: every profile is listed.
  const reply = await handle({ type: 'prune-expired' }, context, { listLimit: Number.POSITIVE_INFINITY });
  if (!reply.ok) {
    printError(`stsbridge: ${reply.message}`);
    return 1;
  }
  if (reply.type === 'prune-expired') {
    print(reply.removed.length === 0 ? `Nothing expired in ${reply.file}.` : `Removed from ${reply.file}: ${reply.removed.join(', ')}`);
    for (const note of reply.notes) print(note);
  }
  return 0;
}
