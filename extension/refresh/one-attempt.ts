// One sign-in at a time per identity provider, shared by everyone who asks. The command line,
// keeping fresh and the popup's *Refresh now* may all ask for an IdP's profiles at once (twenty
// `stsbridge credentials` from Terraform's parallel providers reach here as separate requests):
// a request whose roles the attempt under way already covers joins it; any other waits for the
// next attempt, which gathers the roles of every request that came while the first ran. So an
// IdP sees at most one sign-in in flight and one waiting, and STS one call per role per attempt,
// however many callers there are.

/** A sign-in for `wanted` roles through `issuer`; `how` is the first caller's (it only labels the keys). */
export type SignIn<O, H> = (issuer: string | undefined, wanted: readonly string[], how: H) => Promise<O>;

interface Attempt<O> {
  readonly wanted: Set<string>;
  readonly outcome: Promise<O>;
}

export function oneAttemptPerIssuer<O, H>(signIn: SignIn<O, H>): SignIn<O, H> {
  const running = new Map<string, Attempt<O>>();
  const waiting = new Map<string, Attempt<O>>();

  const start = (key: string, issuer: string | undefined, wanted: Set<string>, how: H): Attempt<O> => {
    const attempt: Attempt<O> = {
      wanted,
      outcome: signIn(issuer, [...wanted], how).finally(() => {
        if (running.get(key) === attempt) running.delete(key);
      }),
    };
    running.set(key, attempt);
    return attempt;
  };

  return (issuer, wanted, how) => {
    const key = issuer ?? '';
    const current = running.get(key);
    if (!current) return start(key, issuer, new Set(wanted), how).outcome;
    if (wanted.every((role) => current.wanted.has(role))) return current.outcome;
    const queued = waiting.get(key);
    if (queued) {
      // Not started yet: it takes these roles too.
      for (const role of wanted) queued.wanted.add(role);
      return queued.outcome;
    }
    const roles = new Set(wanted);
    const outcome = current.outcome
      .catch(() => undefined)
      .then(() => {
        waiting.delete(key);
        return start(key, issuer, roles, how).outcome;
      });
    waiting.set(key, { wanted: roles, outcome });
    return outcome;
  };
}
