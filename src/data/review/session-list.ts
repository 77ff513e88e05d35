import type { Collection } from 'dexie'
import type { ReadModel, SessionRecord } from '../read-model'
import { localDayStart } from '../session-query'
import type { ReviewFilter, ReviewPage, ReviewRow } from './types'

/**
 * Help sessions for review. Each filter walks the narrowest compound index that ends in the time
 * (`[location+at]`, `[createdBy+at]`, `[municipality+at]`), so only the period's rows of that
 * room, person or municipality are read; category and outcome are checked on those rows.
 */
function ranges(rm: ReadModel, f: ReviewFilter, lo: string, hi: string): Collection<SessionRecord, string>[] {
  const on = (index: string, key: string) => rm.sessions.where(index).between([key, lo], [key, hi], true, false)
  if (f.location)
    return [on('[location+at]', f.location)]
  if (f.staff)
    return [on('[createdBy+at]', f.staff)]
  const scope = f.municipality ? f.municipalities.filter(m => m === f.municipality) : f.municipalities
  return scope.map(m => on('[municipality+at]', m))
}

function sessionRow(r: SessionRecord): ReviewRow {
  return {
    id: r.id,
    db: r.db,
    conflicted: r.conflicted,
    cells: {
      startedAt: r.startedAt,
      municipality: r.municipality,
      location: r.location,
      staff: r.createdBy,
      categories: r.categories.join(', '),
      outcome: r.outcome,
      helpMode: r.helpMode,
      minutes: r.durationMinutes,
      anonymous: r.personId === undefined,
    },
  }
}

export async function listSessions(rm: ReadModel, f: ReviewFilter): Promise<ReviewPage> {
  const lo = f.from ? localDayStart(f.from) : ''
  const hi = f.to ? localDayStart(f.to, 1) : '\uffff'
  const scope = new Set<string>(f.municipalities)
  const check = (r: SessionRecord) => scope.has(r.municipality)
    && (!f.municipality || r.municipality === f.municipality)
    && (!f.location || r.location === f.location)
    && (!f.staff || r.createdBy === f.staff)
    && (!f.category || r.categories.includes(f.category))
    && (!f.status || r.outcome === f.status)
  // Each index range is read in one go (`getAll`) and checked here: a filtering cursor costs a
  // round trip per row, which over a year of sessions is many times slower than reading the range.
  const parts = await Promise.all(ranges(rm, f, lo, hi).map(c => c.toArray()))
  const matching = parts.flat().filter(check)
  const rows = matching.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, f.limit ?? Infinity)
  return { rows: rows.map(sessionRow), total: matching.length }
}
