import { describe, expect, it } from 'vitest'
import '../helpers/node-env'
import { localDay, MUNICIPALITY_SLUGS } from '../../../src/domain'
import { loadFacts, localDays } from '../../../src/data/review/figures'
import { appDashboard, bareDashboard } from '../../../bench/browser-entry/dashboard'
import { makeSessionRecords } from '../../factories/session-record'
import { generatedSessions } from '../helpers/generated-sessions'

/*
 * The dashboard benchmark compares the app's figures with a hand count over one bare index scan;
 * both must give the same figures, or the comparison means nothing. Checked here on generated
 * rows over every room, with residents met in several municipalities and anonymous walk-ins.
 */

const data = generatedSessions(() => makeSessionRecords(2500, { start: Date.UTC(2025, 0, 1, 7, 0), stepMinutes: 90, residents: 300 }))

describe('dashboard figures over the read model', () => {
  it('equal a hand count over a bare scan, for the whole span and for a part of it', async () => {
    const all = [...MUNICIPALITY_SLUGS]
    for (const period of [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-02-10', to: '2025-03-02' }]) {
      const [ours, bare] = [await appDashboard(data.rm, all, period), await bareDashboard(data.rm, period)]
      expect(ours).toEqual(bare)
      expect(ours.total).toBeGreaterThan(0)
      expect(ours.anonymous).toBeGreaterThan(0)
      expect(ours.residentsByMunicipality).toHaveLength(6)
    }
    expect((await appDashboard(data.rm, all, { from: '2025-01-01', to: '2025-12-31' })).total).toBe(2500)
  })

  it('gives each session the local calendar day of its start, around midnight and across the clock changes', async () => {
    const facts = await loadFacts(data.rm, [...MUNICIPALITY_SLUGS], { from: '2025-03-25', to: '2025-04-02' })
    const rows = await data.rm.sessions.where('at').between(new Date(2025, 2, 25).toISOString(), new Date(2025, 3, 3).toISOString()).toArray()
    expect(facts.sessions.map(f => f.day).sort()).toEqual(rows.map(r => localDay(new Date(r.startedAt))).sort())
    const day = localDays({ from: '2025-03-29', to: '2025-10-27' })
    // Brussels: summer time from 30 March, winter time from 26 October.
    for (const [instant, expected] of [
      ['2025-03-29T23:00:00.000Z', '2025-03-30'], ['2025-03-29T22:59:59.999Z', '2025-03-29'],
      ['2025-03-30T21:59:59.999Z', '2025-03-30'], ['2025-03-30T22:00:00.000Z', '2025-03-31'],
      ['2025-10-25T22:00:00.000Z', '2025-10-26'], ['2025-10-26T22:59:59.999Z', '2025-10-26'], ['2025-10-26T23:00:00.000Z', '2025-10-27'],
    ] as const)
      expect(day(instant), instant).toBe(expected)
  })
})
