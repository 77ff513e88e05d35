/** Small helpers to print figures the same way in every benchmark. */

export function quickFlag(argv = process.argv.slice(2)): boolean {
  return argv.includes('--quick')
}

/** `--name=value` from the command line, or the fallback. */
export function option(name: string, fallback: string, argv = process.argv.slice(2)): string {
  const hit = argv.find(a => a.startsWith(`--${name}=`))
  return hit ? hit.slice(name.length + 3) : fallback
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

export function mb(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024, 0)} MB`
}

/** "2.31×" — ours over the reference; for "lower is better" figures pass them swapped. */
export function ratio(ours: number, reference: number): string {
  return reference > 0 && Number.isFinite(ours / reference) ? `${fmt(ours / reference, 2)}×` : 'n/a'
}

/** The middle value (the upper one of an even count): figures of several rounds on a shared machine. */
export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0)
    return Number.NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

/** Prints rows as an aligned text table (first row is the header). */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)))
  const line = (r: string[]) => r.map((cell, c) => c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)).join('  ')
  return [line(rows[0]!), widths.map(w => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}
