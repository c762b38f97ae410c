// `status` and `prune-expired` for a person: the host's own requests, in words. Pruning is never
// automatic: a profile's expiry is no reason to touch the file unasked.

import { handle, type HostContext } from '../handle';
import type { Terminal } from './terminal';

export async function statusOrPrune(command: 'status' | 'prune-expired', context: HostContext, { print, printError }: Terminal): Promise<number> {
  // A terminal has no 1 MB limit: every profile is listed.
  const reply = await handle({ type: command }, context, { listLimit: Number.POSITIVE_INFINITY });
  if (!reply.ok) {
    printError(`stsbridge: ${reply.message}`);
    return 1;
  }
  if (reply.type === 'status') {
    if (reply.profiles.length === 0) {
      print(`No profiles managed by stsbridge in ${reply.file}.`);
      return 0;
    }
    print(`Profiles managed by stsbridge in ${reply.file}:`);
    const width = Math.max(...reply.profiles.map((profile) => profile.name.length));
    for (const profile of reply.profiles) {
      const state = profile.expiration === undefined ? 'no expiry recorded' : `${profile.expired ? 'expired' : 'expires'} ${profile.expiration}`;
      print(`  ${profile.name.padEnd(width)}  ${state}`);
    }
    const expired = reply.profiles.filter((profile) => profile.expired).length;
    if (expired > 0) print(`${expired} expired; \`stsbridge prune-expired\` removes ${expired === 1 ? 'it' : 'them'}.`);
    return 0;
  }
  if (reply.type === 'prune-expired') {
    print(reply.removed.length === 0 ? `Nothing expired in ${reply.file}.` : `Removed from ${reply.file}: ${reply.removed.join(', ')}`);
    for (const note of reply.notes) print(note);
  }
  return 0;
}
