import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MUNICIPALITY_SLUGS, type MunicipalitySlug } from '../../../src/domain'
import { ReadModel, type SessionRecord } from '../../../src/data/read-model'
import { listSessions } from '../../../src/data/review/session-list'
import '../helpers/node-env'

// 100,000 help sessions straight into the read model (as a year of six municipalities would
// project), then the review list's query against a bare index scan in the same run.
const N = 100_000
const CATEGORIES = ['itsme', 'belastingen', 'meterstand', 'tickets', 'dokter']
const OUTCOMES = ['opgelost', 'deels', 'niet', 'doorverwezen']
let rm: ReadModel

function row(i: number): SessionRecord {
  const municipality = MUNICIPALITY_SLUGS[i % MUNICIPALITY_SLUGS.length]!
  const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(i * (365 * 86_400_000 / N))).toISOString()
  return {
    id: `session:${String(i).padStart(8, '0')}`, rev: '1-a', db: `dgb-m-${municipality}`, municipality, location: `loc-${municipality}-${i % 2 ? 'bib' : 'oc'}`,
    startedAt: at, at, categories: [CATEGORIES[i % 5]!], helpMode: 'samen-gedaan', outcome: OUTCOMES[i % 4]!, durationMinutes: 15,
    createdBy: `vol${i % 40}`, updatedAt: at, conflicted: false, ...(i % 3 ? { personId: `person:${i % 3000}` } : {}),
  }
}

beforeAll(async () => {
  rm = new ReadModel(`bench-${Math.random().toString(36).slice(2)}-digibalie`)
  for (let start = 0; start < N; start += 10_000)
    await rm.sessions.bulkPut(Array.from({ length: 10_000 }, (_, k) => row(start + k)))
}, 120_000)
afterAll(() => rm.close())

describe('review list of help sessions over 100,000 rows', () => {
  const all = [...MUNICIPALITY_SLUGS] as MunicipalitySlug[]

  it('filters by municipality, period, category and outcome through the compound index, with the full count', async () => {
    const page = await listSessions(rm, { municipalities: all, municipality: 'ravels', from: '2025-03-01', to: '2025-03-31', category: 'itsme', status: 'opgelost', limit: 200 })
    const expected = Array.from({ length: N }, (_, i) => row(i)).filter(r => r.municipality === 'ravels' && r.categories[0] === 'itsme' && r.outcome === 'opgelost' && r.at >= new Date(2025, 2, 1).toISOString() && r.at < new Date(2025, 3, 1).toISOString())
    expect(page.total).toBe(expected.length)
    expect(page.rows.length).toBe(Math.min(200, expected.length))
    expect(page.rows.every(r => r.cells.municipality === 'ravels' && r.cells.outcome === 'opgelost')).toBe(true)
  })

  it('lists a whole year of every municipality newest first, 200 rows and the total', async () => {
    expect(await rm.sessions.where('at').above('').count()).toBe(N)
    const page = await listSessions(rm, { municipalities: all, limit: 200 })
    expect(page.total).toBe(N)
    expect(page.rows).toHaveLength(200)
    expect(page.rows[0]!.cells.startedAt! >= page.rows[199]!.cells.startedAt!).toBe(true)
  })

  it('narrows to one staff member by the [createdBy+at] index', async () => {
    const page = await listSessions(rm, { municipalities: all, staff: 'vol7', from: '2025-06-01', to: '2025-06-30' })
    expect(page.total).toBeGreaterThan(0)
    expect(page.rows.every(r => r.cells.staff === 'vol7')).toBe(true)
    expect(page.rows).toHaveLength(page.total)
  })

  it('never lists outside the coordinator\'s municipalities', async () => {
    const page = await listSessions(rm, { municipalities: ['arendonk'], municipality: 'ravels' })
    expect(page).toEqual({ rows: [], total: 0 })
  })
})
