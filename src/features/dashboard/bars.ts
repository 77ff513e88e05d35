/** One row of a breakdown: its count, and that count as a share of the largest (0 to 1). */
export interface BarRow { key: string, count: number, share: number }

/**
 * The rows of a breakdown in their given order, each with the length of its bar: the largest
 * count fills the bar, the others in proportion, and a breakdown of only zeros draws no bar.
 */
export function barShares(counts: ReadonlyMap<string, number>): BarRow[] {
  const largest = Math.max(0, ...counts.values())
  return [...counts].map(([key, count]) => ({ key, count, share: largest > 0 ? Math.max(0, count) / largest : 0 }))
}
