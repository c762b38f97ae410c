export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One figure, in the form `bench <name> <value> <unit>` that tools read. */
export function report(name: string, value: number, unit: string, detail?: string): void {
  console.log(`bench ${name} ${Number(value.toFixed(1))} ${unit}`);
  if (detail) console.log(`      ${detail}`);
}

export function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1);
  return `n=${sorted.length} min ${fmt(sorted[0]!)} p90 ${fmt(sorted[Math.floor(sorted.length * 0.9)]!)} max ${fmt(sorted.at(-1)!)}`;
}
