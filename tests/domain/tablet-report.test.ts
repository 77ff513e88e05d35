import { describe, expect, it } from 'vitest'
import { byLongestSilence, daysSinceSync, validateTabletReport } from '../../src/domain'
import { makeTabletReport } from '../factories/tablet-report'

describe('tablet report', () => {
  it('accepts a report of counts, times, a name and a location', () => {
    const report = makeTabletReport()
    expect(validateTabletReport(report)).toEqual({ ok: true, value: report })
    expect(validateTabletReport(makeTabletReport({ name: null, location: null, lastSyncedAt: null, unsynced: 0 })).ok).toBe(true)
  })

  it.each([
    ['tabletId', { tabletId: 'tablet-../x' }],
    ['name', { name: 'x'.repeat(61) }],
    ['name', { name: '   ' }],
    ['location', { location: 'Bibliotheek' }],
    ['unsynced', { unsynced: -1 }],
    ['unsynced', { unsynced: 1.5 }],
    ['lastSyncedAt', { lastSyncedAt: 'gisteren' }],
  ])('refuses a bad %s', (path, change) => {
    const result = validateTabletReport({ ...makeTabletReport(), ...change })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.issues[0]?.path).toBe(path)
  })

  it('refuses anything beyond its fields, so no record or note can ride along', () => {
    expect(validateTabletReport({ ...makeTabletReport(), note: 'mevrouw Peeters' }).ok).toBe(false)
  })

  it('counts whole days since the last sync; never synced is the longest silence', () => {
    const now = new Date('2025-03-13T11:00:00.000Z')
    expect(daysSinceSync('2025-03-10T10:42:00.000Z', now)).toBe(3)
    expect(daysSinceSync('2025-03-13T10:59:00.000Z', now)).toBe(0)
    expect(daysSinceSync(null, now)).toBe(Number.POSITIVE_INFINITY)
    const rows = [{ id: 'b', lastSyncedAt: '2025-03-12T09:00:00.000Z' }, { id: 'n', lastSyncedAt: null }, { id: 'a', lastSyncedAt: '2025-03-01T09:00:00.000Z' }]
    expect(byLongestSilence(rows).map(r => r.id)).toEqual(['n', 'a', 'b'])
  })
})
