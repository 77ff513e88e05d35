/**
 * Anonymous reporting to the funder. The Flemish government pays a Digibank by the number of
 * distinct residents reached, in tiers, and asks for counts that cannot point at a person.
 *
 * A distinct resident is one `person:` id with at least one contact in the period: a help session
 * that names them, an attended class session (present or late), a loan handed out or running, or a
 * home-support visit. Anonymous walk-ins count as sessions, never as residents. Two records of the
 * same person count twice until a coordinator merges them, which is why duplicates are flagged.
 */
export const FUNDER_TIERS = [1000, 1500, 1750] as const

export const SUPPRESSION_THRESHOLD = 5

export type Service = 'desk' | 'class' | 'loan' | 'visit'

export interface Contact {
  /** Absent for an anonymous walk-in. */
  personId?: string | undefined
  municipality: string
  service: Service
  /** Calendar day of the contact, `YYYY-MM-DD`. */
  day: string
}

export interface Period {
  from: string
  to: string
}

export function inPeriod(day: string, period: Period): boolean {
  return day >= period.from && day <= period.to
}

export function distinctResidents(contacts: Iterable<Contact>, period: Period): number {
  const ids = new Set<string>()
  for (const c of contacts) {
    if (c.personId && inPeriod(c.day, period))
      ids.add(c.personId)
  }
  return ids.size
}

export interface TierProgress {
  reached: number
  /** The highest tier reached, or null below the first. */
  tier: number | null
  next: number | null
  /** Share of the way to the next tier (1 when every tier is reached). */
  toNext: number
}

export function tierProgress(reached: number, tiers: readonly number[] = FUNDER_TIERS): TierProgress {
  const sorted = [...tiers].sort((a, b) => a - b)
  const passed = sorted.filter(t => reached >= t)
  const tier = passed.length > 0 ? passed[passed.length - 1]! : null
  const next = sorted.find(t => reached < t) ?? null
  const base = tier ?? 0
  return { reached, tier, next, toNext: next === null ? 1 : (reached - base) / (next - base) }
}

/** A published count: a number, or suppressed because it is small enough to point at someone. */
export type Cell = { value: number } | { suppressed: true }

/**
 * Small-cell suppression for one breakdown whose total is published: counts from 1 to 4 are
 * suppressed; when exactly one cell is suppressed, the total would give it away, so the next
 * smallest non-zero cell is suppressed too. Zero stays visible: it identifies no one.
 */
export function suppress(counts: ReadonlyMap<string, number>, threshold = SUPPRESSION_THRESHOLD): Map<string, Cell> {
  const hidden = new Set<string>()
  for (const [key, n] of counts) {
    if (n > 0 && n < threshold)
      hidden.add(key)
  }
  if (hidden.size === 1) {
    const next = [...counts].filter(([key, n]) => n > 0 && !hidden.has(key)).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]
    if (next)
      hidden.add(next[0])
  }
  return new Map([...counts].map(([key, n]) => [key, hidden.has(key) ? { suppressed: true } : { value: n }]))
}

/** Counts per key of the items in a period, every key of `keys` present (zero when none). */
export function countBy<T>(items: Iterable<T>, keyOf: (item: T) => string | readonly string[], keys: readonly string[] = []): Map<string, number> {
  const counts = new Map<string, number>(keys.map(k => [k, 0]))
  for (const item of items) {
    const k = keyOf(item)
    for (const key of typeof k === 'string' ? [k] : k)
      counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** Distinct residents per key (e.g. per municipality): a person counts once in each key they touch. */
export function distinctBy(contacts: Iterable<Contact>, period: Period, keyOf: (c: Contact) => string): Map<string, number> {
  const sets = new Map<string, Set<string>>()
  for (const c of contacts) {
    if (!c.personId || !inPeriod(c.day, period))
      continue
    const key = keyOf(c)
    const set = sets.get(key) ?? new Set<string>()
    set.add(c.personId)
    sets.set(key, set)
  }
  return new Map([...sets].map(([key, set]) => [key, set.size]))
}
