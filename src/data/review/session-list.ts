import type { Collection } from 'dexie'
import { locationMunicipality, MUNICIPALITY_SLUGS } from '../../domain'
import type { ReadModel, SessionRecord } from '../read-model'
import { localDayStart, newestFirst } from '../session-query'
import type { ReviewFilter, ReviewPage, ReviewRow } from './types'

type Ranges = () => Collection<SessionRecord, string>[]

/**
 * Help sessions for review. Each filter walks the narrowest index that ends in the time
 * (`[location+at]`, `[createdBy+at]`, `[municipality+at]`, or `at` when the scope is every
 * municipality), so only the period's rows of that room, person or municipality are read.
 * `exact` says the ranges hold exactly the matching rows (no category or outcome to check, no
 * row outside the scope): the page then reads only its newest rows and counts the rest in the index.
 */
function plan(rm: ReadModel, f: ReviewFilter, lo: string, hi: string): { ranges: Ranges, exact: boolean } {
  const on = (index: string, key: string) => rm.sessions.where(index).between([key, lo], [key, hi], true, false)
  const scope = new Set<string>(f.municipality ? f.municipalities.filter(m => m === f.municipality) : f.municipalities)
  const everywhere = MUNICIPALITY_SLUGS.every(m => scope.has(m))
  const checked = Boolean(f.category) || Boolean(f.status)
  if (f.location) {
    const inScope = scope.has(locationMunicipality(f.location) ?? '')
    return { ranges: () => [on('[location+at]', f.location!)], exact: inScope && !f.staff && !checked }
  }
  if (f.staff)
    return { ranges: () => [on('[createdBy+at]', f.staff!)], exact: everywhere && !checked }
  if (everywhere)
    return { ranges: () => [rm.sessions.where('at').between(lo, hi, true, false)], exact: !checked }
  return { ranges: () => [...scope].map(m => on('[municipality+at]', m)), exact: !checked }
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
  const { ranges, exact } = plan(rm, f, lo, hi)
  if (exact && f.limit !== undefined) {
    // The count comes from the index without reading a row; only the page's rows are read.
    const limit = f.limit
    const [counts, parts] = await Promise.all([
      Promise.all(ranges().map(c => c.count())),
      Promise.all(ranges().map(c => c.reverse().limit(limit).toArray())),
    ])
    const rows = parts.flat().sort(newestFirst).slice(0, limit)
    return { rows: rows.map(sessionRow), total: counts.reduce((a, b) => a + b, 0) }
  }
  const check = (r: SessionRecord) => scope.has(r.municipality)
    && (!f.municipality || r.municipality === f.municipality)
    && (!f.location || r.location === f.location)
    && (!f.staff || r.createdBy === f.staff)
    && (!f.category || r.categories.includes(f.category))
    && (!f.status || r.outcome === f.status)
  // Each index range is read in one go (`getAll`) and checked here: a filtering cursor costs a
  // round trip per row, which over a year of sessions is many times slower than reading the range.
  const parts = await Promise.all(ranges().map(c => c.toArray()))
  const matching = parts.flat().filter(check)
  const rows = matching.sort(newestFirst).slice(0, f.limit ?? Infinity)
  return { rows: rows.map(sessionRow), total: matching.length }
}
