import type { Collection } from 'dexie'
import { MUNICIPALITY_SLUGS } from '../domain'
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

/** Every municipality asked: no row can fall outside (the domain ties each session to one of them). */
function everyMunicipality(filter: SessionFilter): boolean {
  return !filter.municipalities || MUNICIPALITY_SLUGS.every(m => filter.municipalities!.includes(m))
}

/**
 * The index ranges to read, each with `exact` when the range alone says everything the filter
 * asks. A list of ids or a resident's history is small and read whole; otherwise the narrowest
 * index that ends in the time (`[location+at]`, `[createdBy+at]`, `[municipality+at]`, `at`).
 */
function plan(rm: ReadModel, filter: SessionFilter, [lo, hi]: Range): { parts: Collection<SessionRecord, string>[], exact: boolean } {
  const on = (index: string, key: string) => rm.sessions.where(index).between([key, lo], [key, hi], true, false)
  const all = everyMunicipality(filter)
  if (filter.personId)
    return { parts: [rm.sessions.where('personId').equals(filter.personId)], exact: false }
  if (filter.location)
    return { parts: [on('[location+at]', filter.location)], exact: all && !filter.createdBy }
  if (filter.createdBy)
    return { parts: [on('[createdBy+at]', filter.createdBy)], exact: all }
  if (!all)
    return { parts: [...new Set(filter.municipalities)].map(m => on('[municipality+at]', m)), exact: true }
  return { parts: [rm.sessions.where('at').between(lo, hi, true, false)], exact: true }
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

/** Newest first; sessions that started at the same instant by id, so every tablet lists them alike. */
export function newestFirst(a: SessionRecord, b: SessionRecord): number {
  if (a.at !== b.at)
    return a.at < b.at ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * The matching records, newest first. Each range is read in one request (`getAll`, newest first
 * with the limit when the range is exact): a filtering cursor costs a round trip per row, many
 * times slower over 100,000 rows. Rows an inexact range holds beyond the filter are dropped here.
 */
async function records(rm: ReadModel, filter: SessionFilter, range: Range, limit: number): Promise<SessionRecord[]> {
  const check = matches(filter)
  if (filter.ids) {
    const found = await rm.sessions.bulkGet([...new Set(filter.ids)])
    return found.filter((r): r is SessionRecord => r !== undefined && check(r)).sort(newestFirst).slice(0, limit)
  }
  const { parts, exact } = plan(rm, filter, range)
  const read = await Promise.all(parts.map(c => (exact && Number.isFinite(limit) ? c.reverse().limit(limit) : c).toArray()))
  const rows = read.length === 1 ? read[0]! : read.flat()
  return (exact ? rows : rows.filter(check)).sort(newestFirst).slice(0, limit)
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
  // One read transaction: the rows and the outbox's size are asked at once. The outbox holds only
  // what this device has not synced, so it is usually read whole rather than looked up row by row.
  const [found, entries] = await rm.transaction('r', [rm.sessions, rm.outbox], async () => {
    const [rows, waiting] = await Promise.all([records(rm, filter, range, limit), rm.outbox.count()])
    if (waiting > rows.length)
      return [rows, await rm.outbox.bulkGet(rows.map(r => r.id))] as const
    const byId = new Map((waiting === 0 ? [] : await rm.outbox.toArray()).map(e => [e.id, e]))
    return [rows, rows.map(r => byId.get(r.id))] as const
  })
  return found.map((r, i) => {
    const { db: _db, at: _at, ...row } = r
    const entry = entries[i]
    return {
      ...row,
      pending: entry !== undefined && entry.refusedReason === undefined,
      ...(entry?.refusedReason === undefined ? {} : { refusedReason: entry.refusedReason }),
    }
  })
}
