/**
 * The coordinators' audit screen over a large trail: 300,000 entries (three years of a Digibank:
 * 20,000 help sessions a year with edits, residents, lending, retention), pages of 51 newest first
 * with the screen's filters. Reference: the same page with no filter, in the same run.
 *   node_modules/.bin/tsx bench/audit-query.ts [--quick]
 * `--quick` (CI's smoke test) spreads 20,000 entries over the same three years.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Journal } from '../sync-server/storage/journal'
import { median, quickFlag } from './lib/report'

const ENTRIES = quickFlag() ? 20_000 : 300_000
/** Three years between the first entry and the last, whatever their number. */
const EVERY_MS = 300_000 * 315_000 / ENTRIES
const ACCOUNTS = Array.from({ length: 60 }, (_, i) => `staff-${i}`)
const DBS = ['dgb-m-arendonk', 'dgb-m-ravels', 'dgb-residents', 'dgb-lending', 'dgb-config']
const KINDS = ['help-session', 'person', 'attendance', 'loan', 'device-event', 'app-settings']

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'))
  const journal = new Journal(dir)
  try {
    const start = Date.parse('2023-01-01T00:00:00Z')
    const writing = performance.now()
    // Three years of entries, 100 at a time (at full size about every 5 minutes one).
    for (let done = 0; done < ENTRIES; done += 100) {
      const batch = Array.from({ length: 100 }, (_, i) => {
        const n = done + i
        // The settings document is rare: one change in 50,000, as a coordinator makes them.
        const kind = n % 50_000 === 0 ? 'app-settings' : KINDS[n % 5]!
        return { account: ACCOUNTS[n % ACCOUNTS.length]!, db: DBS[n % DBS.length]!, id: `doc:${n}`, rev: `1-${n}`, kind, action: 'create' as const }
      })
      journal.record(batch, new Date(start + done * EVERY_MS).toISOString())
    }
    console.log(`recorded ${ENTRIES.toLocaleString('en')} entries in ${((performance.now() - writing) / 1000).toFixed(1)} s (100 per write)`)
    // The day of the batch written a year before the last one: the screen's date filter.
    const batchMs = 100 * EVERY_MS
    const yearBack = Math.round(ENTRIES / 100 - 1 - 365 * 86_400_000 / batchMs)
    const dayAYearBack = new Date(start + yearBack * batchMs).toISOString().slice(0, 10)
    const cases: Record<string, Parameters<Journal['entries']>[0]> = {
      'no filter (reference)': { limit: 51, newestFirst: true },
      'one account': { limit: 51, newestFirst: true, account: 'staff-7' },
      'one database and kind': { limit: 51, newestFirst: true, db: 'dgb-lending', kind: 'loan' },
      'a rare kind (settings)': { limit: 51, newestFirst: true, kind: 'app-settings' },
      'one day, a year back': { limit: 51, newestFirst: true, from: dayAYearBack, to: dayAYearBack },
      'page 100 of everything': { limit: 51, newestFirst: true, before: ENTRIES - 100 * 51 },
    }
    const reference: number[] = []
    for (const [name, q] of Object.entries(cases)) {
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < 15; i++) {
        const t = performance.now()
        rows = journal.entries(q).length
        times.push(performance.now() - t)
      }
      if (reference.length === 0)
        reference.push(median(times))
      console.log(`${name.padEnd(26)} ${median(times).toFixed(2).padStart(8)} ms median  ${(median(times) / reference[0]!).toFixed(1).padStart(6)}×  (${rows} rows)`)
    }
  }
  finally {
    journal.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
