import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'

/*
 * The quick form of the browser benchmarks (bench/browser.ts), run as `npm run bench -- --quick`
 * runs them: each builds what it measures, starts its own servers and its own Chromium, and prints
 * its table. Figures are not judged here (benchmarks are not timed tests); what is checked is that
 * each still runs to its end and prints a ratio for every measure. The first start of a new
 * version fails by itself when the start meant to show a kept form did not.
 */

const run = promisify(execFile)
const tsx = join('node_modules', '.bin', 'tsx')
let work: string

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'digibalie-bench-quick-'))
})

test.afterAll(() => {
  if (work)
    rmSync(work, { recursive: true, force: true })
})

/** The ratio printed on the table row that starts with `measure`, or a failure naming the row. */
function ratioOf(output: string, measure: string): number {
  const row = output.split('\n').find(line => line.startsWith(measure))
  const ratio = row && /\s(\d+\.\d\d)×\s/.exec(row)
  if (!ratio)
    throw new Error(`no ratio printed for "${measure}":\n${output.slice(-3000)}`)
  return Number(ratio[1])
}

test('the browser benchmarks run in their quick form and print a ratio for every measure', async () => {
  test.setTimeout(240_000)
  const dist = join(work, 'bench')
  const { stdout } = await run(tsx, ['bench/browser.ts', '--quick', `--dist=${dist}`], { maxBuffer: 16 * 1024 * 1024 })
  for (const measure of ['cold start offline, 4× CPU', 'save a help session, back to back', 'save a help session, after', 'coordinator list', 'review list', 'one municipality, four weeks', 'dashboard, every municipality'])
    expect(ratioOf(stdout, measure), measure).toBeGreaterThan(0)

  const update = await run(tsx, ['bench/browser.ts', '--after-update', '--quick', `--dist=${dist}`], { maxBuffer: 16 * 1024 * 1024 })
  expect(ratioOf(update.stdout, 'first start of a new version, its form kept while it waited')).toBeGreaterThan(0)
  expect(ratioOf(update.stdout, '  the same with nothing kept')).toBeGreaterThan(0)
  expect(ratioOf(update.stdout, '  kept, against the blank page in a warm browser')).toBeGreaterThan(0)
  // Both tablets and the blank page's browser of each round started offline: two rounds in the quick form.
  const rounds = update.stdout.match(/^ {4}round \d+: .*; blank in the warm browser \d+ ms$/gm) ?? []
  expect(rounds).toHaveLength(2)
  for (const line of rounds)
    expect([/(^|, |: )kept \d+/, /nothing kept \d+/, /(, |: )blank \d+/].every(part => part.test(line)), line).toBe(true)
})
