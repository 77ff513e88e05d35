import { describe, expect, it } from 'vitest'
import './helpers/node-env'
import { MUNICIPALITY_SLUGS, type MunicipalitySlug } from '../../src/domain'
import { localDayStart, querySessions } from '../../src/data/session-query'
import type { SessionFilter } from '../../src/data/types'
import { makeSessionRecords } from '../factories/session-record'
import { generatedSessions } from './helpers/generated-sessions'

/*
 * The list query reads each filter through its own index plan (whole ranges, newest first with
 * the limit, the `at` index when every municipality is asked). These tests hold it to the plain
 * meaning of a filter, computed the slow way over every row: same rows, same order, same sync state.
 */

// 3,000 rows over every room, three at each moment (ties), a week and a half of sessions; some
// wait in the outbox, one of them refused by the server.
const data = generatedSessions(
  () => makeSessionRecords(3000, { start: Date.UTC(2025, 2, 1, 7, 0), stepMinutes: 15, sameMoment: 3, staff: 7, residents: 200 }),
  async (rm, rows) => {
    const waiting = rows.filter(r => r.id.endsWith('0') || r.id.endsWith('5'))
    await rm.outbox.bulkPut(waiting.map(r => ({ id: r.id, db: r.db, rev: r.rev, queuedAt: r.updatedAt })))
    await rm.outbox.update(waiting[0]!.id, { refusedReason: 'record belongs to another municipality' })
  },
)

/** What a filter means, without any index: every row checked, newest first, ties by id. */
function oracle(filter: SessionFilter): string[] {
  const lo = filter.from ? localDayStart(filter.from) : ''
  const hi = filter.to ? localDayStart(filter.to, 1) : '\uffff'
  return data.rows
    .filter(r => (!filter.municipalities || filter.municipalities.includes(r.municipality))
      && r.at >= lo && r.at < hi
      && (!filter.ids || filter.ids.includes(r.id))
      && (!filter.personId || r.personId === filter.personId)
      && (!filter.location || r.location === filter.location)
      && (!filter.createdBy || r.createdBy === filter.createdBy))
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
    .slice(0, filter.limit ?? Infinity)
    .map(r => r.id)
}

const all = [...MUNICIPALITY_SLUGS] as MunicipalitySlug[]
const some: MunicipalitySlug[] = ['hoogstraten', 'ravels']

const FILTERS: Array<[string, SessionFilter]> = [
  ['everything', {}],
  ['coordinator list: every municipality, newest 200', { municipalities: all, limit: 200 }],
  ['every municipality, in another order, a period', { municipalities: [...all].reverse(), from: '2025-03-04', to: '2025-03-06' }],
  ['one municipality over a week', { municipalities: ['hoogstraten'], from: '2025-03-03', to: '2025-03-09' }],
  ['two municipalities, newest 50', { municipalities: some, limit: 50 }],
  ['the same municipality twice', { municipalities: ['ravels', 'ravels'], limit: 30 }],
  ['a room', { location: 'loc-arendonk-bib' }],
  ['a room and an author, newest 5', { location: 'loc-ravels-bib', createdBy: 'staff-2', limit: 5 }],
  ['an author', { createdBy: 'staff-3', from: '2025-03-05' }],
  ['an author in two municipalities, newest 20', { createdBy: 'staff-4', municipalities: some, limit: 20 }],
  ['newest 1 up to a day', { to: '2025-03-02', limit: 1 }],
]

describe('session list index plans', () => {
  it.each(FILTERS)('%s: the same rows in the same order as every row checked one by one', async (_name, filter) => {
    const expected = oracle(filter)
    const got = await querySessions(data.rm, filter)
    expect(expected.length).toBeGreaterThan(0)
    expect(got.map(r => r.id)).toEqual(expected)
  })

  it('a resident\'s history and a list of ids, with the other criteria still applied', async () => {
    const person = data.rows.find(r => r.personId)!.personId!
    const ids = data.rows.filter((_, i) => i % 97 === 0).map(r => r.id)
    expect(await querySessions(data.rm, { location: 'loc-arendonk-bib', municipalities: some })).toEqual([])
    for (const filter of [{ personId: person }, { personId: person, municipalities: some }, { ids }, { ids: [...ids, ids[0]!], location: 'loc-arendonk-bib' }, { ids, limit: 3 }] as SessionFilter[]) {
      const expected = oracle(filter)
      expect((await querySessions(data.rm, filter)).map(r => r.id)).toEqual(expected)
    }
  })

  it('carries each row\'s sync state, whether the outbox is read whole or looked up by id', async () => {
    const [small, large] = [await querySessions(data.rm, { municipalities: all, limit: 20 }), await querySessions(data.rm, {})]
    for (const list of [small, large]) {
      for (const row of list) {
        const entry = await data.rm.outbox.get(row.id)
        expect(row.pending).toBe(entry !== undefined && entry.refusedReason === undefined)
        expect(row.refusedReason).toBe(entry?.refusedReason)
      }
    }
    expect(large.some(r => r.refusedReason)).toBe(true)
    expect(large.filter(r => r.pending).length).toBeGreaterThan(0)
  })

  it('returns a row without its database and normalised time, as the lists show it', async () => {
    const [row] = await querySessions(data.rm, { limit: 1 })
    expect(row).not.toHaveProperty('db')
    expect(row).not.toHaveProperty('at')
    expect(row).toMatchObject({ id: expect.stringMatching(/^session:/), municipality: expect.any(String), categories: expect.any(Array) })
  })
})
