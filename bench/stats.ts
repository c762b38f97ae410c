export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One figure, in the form `bench <name> <value> <unit>` that tools read. */
export function report(name: string, value: number, unit: string, detail?: string): void {
  // A ratio's goal is a boundary such as 1.5: one decimal would round 1.54 onto it.
  console.log(`bench ${name} ${Number(value.toFixed(unit === 'ratio' ? 2 : 1))} ${unit}`);
  if (detail) console.log(`      ${detail}`);
}

export function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1);
  return `n=${sorted.length} min ${fmt(sorted[0]!)} p90 ${fmt(sorted[Math.floor(sorted.length * 0.9)]!)} max ${fmt(sorted.at(-1)!)}`;
}

let failed = 0;

/**
 * Runs one figure's measurement. A figure that fails says so as `bench <name> failed: <reason>`,
 * and the figures after it still run; `failedFigures()` tells run.ts how the whole run went.
 */
export async function figure(name: string, measure: () => Promise<void> | void): Promise<void> {
  try {
    await measure();
  } catch (error) {
    failed += 1;
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    console.log(`bench ${name} failed: ${reason}`);
  }
}

export function failedFigures(): number {
  return failed;
}
