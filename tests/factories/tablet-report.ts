import type { TabletReport } from '../../src/domain'

let counter = 0

/**
 * A valid tablet report: an enrolled tablet at Bibliotheek Arendonk with 3 records waiting, last in
 * step at 10:42 on 10 March 2025. Each call gets its own tablet id.
 */
export function makeTabletReport(overrides: Partial<TabletReport> = {}): TabletReport {
  counter += 1
  return {
    tabletId: `tablet-${String(counter).padStart(4, '0')}${Math.random().toString(36).slice(2, 12).replace(/[^0-9a-z]/g, 'x')}`,
    name: 'Bib Arendonk',
    location: 'loc-arendonk-bib',
    unsynced: 3,
    lastSyncedAt: '2025-03-10T10:42:00.000Z',
    ...overrides,
  }
}
