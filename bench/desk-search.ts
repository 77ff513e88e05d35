/**
 * The desk's search-as-you-type over 5,000 residents, through the real data layer (PouchDB and
 * the Dexie read model) on fake-indexeddb in Node: median and p95 per search, as wall time and as
 * this process's CPU time (on a shared machine wall time also counts other processes' turns).
 * Reference: a bare Dexie `*terms` index lookup of the first word, in the same run.
 *   node_modules/.bin/tsx bench/desk-search.ts [--quick]
 * `--quick` (CI's smoke test): 1,000 residents, two rounds of the searches.
 */
import 'fake-indexeddb/auto'
import '../tests/data/helpers/node-env'
import { newDevice, localDb } from '../tests/data/helpers/device'
import { makePeople } from '../tests/factories/person'
import { ReadModel } from '../src/data/read-model'
import { searchTerms } from '../src/domain'
import { fmt, median, percentile, quickFlag } from './lib/report'

const QUICK = quickFlag()
const RESIDENTS = QUICK ? 1000 : 5000
const QUERIES = ['ma', 'peeters 1', 'jan', 'fatima wou', 'olena', '2380', 'goos', 'van den', 'rik 19', 'el', 'wou fatima', 'mo 2387', 'sofie aerts 1']

function stats(values: number[]): { median: number, p95: number } {
  return { median: median(values), p95: percentile([...values].sort((a, b) => a - b), 95) }
}

async function main(): Promise<void> {
  const { data, prefix } = newDevice()
  const db = localDb(prefix, 'dgb-residents')
  const people = makePeople(RESIDENTS)
  await db.bulkDocs(people)
  const last = people.at(-1)!
  while ((await data.people.search(`${last.firstName} ${last.lastName}`, 5)).length === 0)
    await new Promise(resolve => setTimeout(resolve, 200))
  const rm = new ReadModel(`${prefix}digibalie`)
  const app = { wall: [] as number[], cpu: [] as number[] }
  const bare: number[] = []
  for (let round = 0; round < (QUICK ? 2 : 8); round++) {
    for (const query of QUERIES) {
      let started = performance.now()
      const used = process.cpuUsage()
      await data.people.search(query, 20)
      const spent = process.cpuUsage(used)
      app.wall.push(performance.now() - started)
      app.cpu.push((spent.user + spent.system) / 1000)
      started = performance.now()
      const first = searchTerms(query)[0]!
      await rm.table('people').where('terms').startsWith(first).limit(20).toArray()
      bare.push(performance.now() - started)
    }
  }
  const w = stats(app.wall)
  const c = stats(app.cpu)
  const b = stats(bare)
  console.log(`people.search over ${fmt(RESIDENTS)} residents, ${app.wall.length} searches (fake-indexeddb, Node)`)
  console.log(`  app:  wall median ${w.median.toFixed(1)} ms, p95 ${w.p95.toFixed(1)} ms; CPU median ${c.median.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms`)
  console.log(`  bare index lookup of the first word: median ${b.median.toFixed(1)} ms, p95 ${b.p95.toFixed(1)} ms`)
  console.log(`  ratio (median): ${(w.median / b.median).toFixed(1)}×   goal: under one frame (16 ms)`)
  rm.close()
  await db.close()
  await data.close()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
