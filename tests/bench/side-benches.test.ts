import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// The quick form of the two smaller benches `npm run bench` runs, as it runs them (a process each):
// the desk's resident search and the coordinators' audit screen. Figures are not judged here.
const run = promisify(execFile)
const tsx = join('node_modules', '.bin', 'tsx')

describe('the desk search and audit screen benches, quick form', () => {
  it('searches residents through the data layer and prints the ratio to a bare index lookup', async () => {
    const { stdout } = await run(tsx, ['bench/desk-search.ts', '--quick'])
    expect(stdout).toMatch(/^people\.search over 1,000 residents, 26 searches/m)
    expect(stdout).toMatch(/^ {2}app: {2}wall median \d+\.\d ms, p95 \d+\.\d ms; CPU median/m)
    expect(stdout).toMatch(/^ {2}ratio \(median\): \d+\.\d×/m)
  }, 60_000)

  it('pages the audit trail with each of the screen\'s filters and prints the ratio to the unfiltered page', async () => {
    const { stdout } = await run(tsx, ['bench/audit-query.ts', '--quick'])
    expect(stdout).toMatch(/^recorded 20,000 entries/m)
    for (const filter of ['no filter (reference)', 'one account', 'one database and kind', 'a rare kind (settings)', 'one day, a year back', 'page 100 of everything'])
      expect(stdout, filter).toMatch(new RegExp(`^${filter.replace(/[()]/g, '\\$&')} +\\d+\\.\\d\\d ms median +\\d+\\.\\d×  \\(\\d+ rows\\)`, 'm'))
    // Every filter finds what it looks for: a page of 51, or the one settings change there is.
    expect(stdout).not.toMatch(/\(0 rows\)/)
  }, 60_000)
})
