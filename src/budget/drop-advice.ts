/** The fewest exhibits to leave out (dearest first) so the rest fit; empty if none would help. */
export function exhibitsToDrop(bytes: readonly number[], budget: number): number[] {
  const order = bytes.map((b, i) => ({ b, i })).sort((x, y) => y.b - x.b || x.i - y.i);
  let total = bytes.reduce((a, b) => a + b, 0);
  const dropped: number[] = [];
  for (const { b, i } of order) {
    if (total <= budget) break;
    total -= b;
    dropped.push(i);
  }
  return total <= budget ? dropped.sort((a, b) => a - b) : [];
}

/** "exhibits 3, 7" — or, when it would take many, how many of them. */
export function describeDrop(numbers: readonly number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length > 6) return `${sorted.length} of the exhibits (the largest first)`;
  return `exhibit${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`;
}
