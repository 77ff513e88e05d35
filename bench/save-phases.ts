/**
 * The save's two storage steps alone, in Chromium: a PouchDB put (plain, and the first revision
 * written with `new_edits: false` as `createRecord` does), a Dexie transaction with a row and an
 * outbox entry, both one after the other and both at the same time, each next to a raw Dexie put
 * (see `bench/browser-entry/phases.ts`). Shows what overlapping the two transactions buys in this
 * browser, apart from the app's own work.
 *
 *   node_modules/.bin/tsx bench/save-phases.ts [--skip-build] [--dist=/tmp/bench] [--runs=100] [--settle=100] [--no-feed]
 */
import { buildAll, launch, openBenchPage, stat } from './browser'
import { option } from './lib/report'
import { startSyncServer } from './lib/servers'

if (!process.argv.includes('--skip-build'))
  buildAll('entry')
const [runs, settle, live] = [Number(option('runs', '100')), Number(option('settle', '100')), !process.argv.includes('--no-feed')]
const server = await startSyncServer(`${option('dist', '/tmp/bench')}-entry-dist`)
const browser = await launch()
try {
  const page = await openBenchPage(await browser.newContext(), server.url)
  const out = await page.evaluate(([n, ms, feed]) => window.digibalieBench.phases(n, ms, feed), [runs, settle, live] as const)
  console.log(`\n${runs} runs, ${settle} ms quiet before each, ${live ? 'with' : 'without'} a live changes feed on the PouchDB database`)
  for (const [name, xs] of Object.entries(out)) {
    const s = stat(xs)
    console.log(`${name.padEnd(42)} p50 ${s.p50.toFixed(2).padStart(6)} ms   p95 ${s.p95.toFixed(2).padStart(6)} ms`)
  }
}
finally {
  await browser.close()
  await server.stop()
}
