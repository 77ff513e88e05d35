import { describe, expect, it } from 'vitest'
import '../helpers/node-env'
import { MUNICIPALITY_SLUGS, type MunicipalitySlug } from '../../../src/domain'
import { listSessions } from '../../../src/data/review/session-list'
import type { ReviewFilter } from '../../../src/data/review/types'
import { localDayStart } from '../../../src/data/session-query'
import { makeSessionRecords } from '../../factories/session-record'
import { generatedSessions } from '../helpers/generated-sessions'

/*
 * The review list reads only its page and counts the rest in the index when the index ranges say
 * everything, and reads whole ranges otherwise. Both are held to the plain meaning of the filter,
 * computed over every row: the same rows in the same order, and the same total.
 */

const data = generatedSessions(() => makeSessionRecords(3000, { start: Date.UTC(2025, 2, 1, 7, 0), stepMinutes: 20, sameMoment: 3, staff: 7, residents: 200 }))

function oracle(f: ReviewFilter): { ids: string[], total: number } {
  const lo = f.from ? localDayStart(f.from) : ''
  const hi = f.to ? localDayStart(f.to, 1) : '\uffff'
  const matching = data.rows
    .filter(r => f.municipalities.includes(r.municipality) && (!f.municipality || r.municipality === f.municipality)
      && r.at >= lo && r.at < hi
      && (!f.location || r.location === f.location) && (!f.staff || r.createdBy === f.staff)
      && (!f.category || r.categories.includes(f.category)) && (!f.status || r.outcome === f.status))
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
  return { ids: matching.slice(0, f.limit ?? Infinity).map(r => r.id), total: matching.length }
}

const all = [...MUNICIPALITY_SLUGS] as MunicipalitySlug[]
const two: MunicipalitySlug[] = ['hoogstraten', 'ravels']

const FILTERS: Array<[string, ReviewFilter]> = [
  ['every municipality, newest 200 and the count', { municipalities: all, limit: 200 }],
  ['every municipality, a period', { municipalities: all, from: '2025-03-05', to: '2025-03-12', limit: 50 }],
  ['every municipality, one picked', { municipalities: all, municipality: 'merksplas', limit: 40 }],
  ['a coordinator of two municipalities', { municipalities: two, limit: 100 }],
  ['a room', { municipalities: all, location: 'loc-ravels-bib', limit: 30 }],
  ['a room outside the scope', { municipalities: two, location: 'loc-arendonk-bib', limit: 30 }],
  ['a room of another municipality than the one picked', { municipalities: all, municipality: 'ravels', location: 'loc-hoogstraten-bib', limit: 30 }],
  ['a staff member everywhere', { municipalities: all, staff: 'staff-3', limit: 25 }],
  ['a staff member within two municipalities', { municipalities: two, staff: 'staff-3', limit: 25 }],
  ['a category and an outcome', { municipalities: all, category: 'itsme', status: 'opgelost', limit: 20 }],
  ['a category in one municipality, for an export (no limit)', { municipalities: all, municipality: 'arendonk', category: 'email' }],
  ['everything, for an export', { municipalities: all }],
  ['empty filters as the form sends them', { municipalities: all, category: '', status: '', limit: 10 }],
]

describe('review list index plans', () => {
  it.each(FILTERS)('%s: the same rows, order and total as every row checked one by one', async (_name, f) => {
    const expected = oracle(f)
    const page = await listSessions(data.rm, f)
    expect(page.rows.map(r => r.id)).toEqual(expected.ids)
    expect(page.total).toBe(expected.total)
  })

  it('the data set has ties, rooms out of scope and empty results to tell plans apart', () => {
    const moments = new Set(data.rows.map(r => r.at))
    expect(moments.size).toBeLessThan(data.rows.length)
    expect(oracle({ municipalities: two, location: 'loc-arendonk-bib' }).total).toBe(0)
    expect(oracle({ municipalities: all, location: 'loc-ravels-bib' }).total).toBeGreaterThan(30)
  })
})
