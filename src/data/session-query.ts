import type { Collection } from 'dexie'
import type { ReadModel, SessionRecord } from './read-model'
import type { SessionFilter, SessionRow } from './types'

type Range = [lower: string, upper: string]

/** Start of a local calendar day (`YYYY-MM-DD`) as a UTC timestamp, `days` later. */
export function localDayStart(day: string, days = 0): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m)
    throw new RangeError(`not a YYYY-MM-DD date: ${day}`)
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString()
}

/** The `at` range for a filter: from the start of `from` up to (not including) the day after `to`. */
function timeRange(filter: SessionFilter): Range {
  return [filter.from ? localDayStart(filter.from) : '', filter.to ? localDayStart(filter.to, 1) : '\uffff']
}

/**
 * One collection per index range, newest first. A list of ids or a resident's history is small and
 * read whole; otherwise each filter picks its narrowest compound index
 * (`[location+at]`, `[municipality+at]`, `[createdBy+at]`) so lists stay fast with 100k rows;
 * whatever the index does not cover is checked row by row.
 */
function collections(rm: ReadModel, filter: SessionFilter, [lo, hi]: Range): Collection<SessionRecord, string>[] {
  const on = (index: string, key: string) =>
    rm.sessions.where(index).between([key, lo], [key, hi], true, false).reverse()
  if (filter.ids)
    return [rm.sessions.where('id').anyOf(filter.ids)]
  if (filter.personId)
    return [rm.sessions.where('personId').equals(filter.personId)]
  if (filter.location)
    return [on('[location+at]', filter.location)]
  if (filter.municipalities)
    return filter.municipalities.map(m => on('[municipality+at]', m))
  if (filter.createdBy)
    return [on('[createdBy+at]', filter.createdBy)]
  return [rm.sessions.where('at').between(lo, hi, true, false).reverse()]
}

function matches(filter: SessionFilter): (r: SessionRecord) => boolean {
  const municipalities = filter.municipalities ? new Set<string>(filter.municipalities) : null
  const [lo, hi] = timeRange(filter)
  return r => (!municipalities || municipalities.has(r.municipality))
    && r.at >= lo && r.at < hi
    && (!filter.personId || r.personId === filter.personId)
    && (!filter.location || r.location === filter.location)
    && (!filter.createdBy || r.createdBy === filter.createdBy)
}

function newestFirst(a: SessionRecord, b: SessionRecord): number {
  if (a.at !== b.at)
    return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Sessions matching `filter`, newest first, with their sync state from the outbox. Only Dexie
 * reads happen here, so `liveQuery` re-runs it when rows or outbox entries change.
 */
export async function querySessions(rm: ReadModel, filter: SessionFilter): Promise<SessionRow[]> {
  const range = timeRange(filter)
  const limit = filter.limit ?? Infinity
  if (limit <= 0 || filter.municipalities?.length === 0 || range[0] >= range[1])
    return []
  const check = matches(filter)
  const parts = await Promise.all(collections(rm, filter, range).map((c) => {
    const filtered = c.filter(check)
    return (Number.isFinite(limit) ? filtered.limit(limit) : filtered).toArray()
  }))
  const records = parts.flat().sort(newestFirst).slice(0, limit)
  const entries = await rm.outbox.bulkGet(records.map(r => r.id))
  return records.map((r, i) => {
    const { db: _db, at: _at, ...row } = r
    const entry = entries[i]
    return {
      ...row,
      pending: entry !== undefined && entry.refusedReason === undefined,
      ...(entry?.refusedReason === undefined ? {} : { refusedReason: entry.refusedReason }),
    }
  })
}
