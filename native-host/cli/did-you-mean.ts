// "Did you mean …?" for a mistyped command or profile name. Pure.

/** Edits (insert, delete, change, swap two neighbours) between `a` and `b`, stopping past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Optimal string alignment: Levenshtein plus the swap of two neighbours, the commonest typo.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    [before, previous] = [previous, current];
  }
  return previous[b.length]!;
}

/**
 * The one candidate closest to `word` within a few edits (one for short words, two from five
 * letters, three from nine), or a candidate that starts with it; undefined when none is, or when
 * two are equally close (a guess between two is no help).
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const limit = word.length >= 9 ? 3 : word.length >= 5 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  let tied = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === word) return undefined;
    const distance = word.length >= 3 && candidate.startsWith(word) ? 1 : editDistance(word.toLowerCase(), candidate.toLowerCase(), limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) [best, tied] = [{ name: candidate, distance }, false];
    else if (distance === best.distance) tied = true;
  }
  return best && !tied ? best.name : undefined;
}
