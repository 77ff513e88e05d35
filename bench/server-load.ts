/**
 * N live-syncing clients (default 50) writing and reading one municipality database at once for
 * a fixed time, against our sync-server and pouchdb-server 4.2, one after the other in the same run.
 * Each client is a PouchDB 9 memory database in live two-way sync, as a tablet runs it; it writes a
 * help session, waits until its push reached the server, and writes the next (closed loop, so the
 * fastest server gets the most work done). Every client also pulls what the others wrote.
 *
 *   node_modules/.bin/tsx bench/server-load.ts [--quick] [--clients=50] [--seconds=60] [--rounds=3]
 */
import { pathToFileURL } from 'node:url'
import { makeHelpSession } from '../tests/factories/help-session'
import { localDb, remoteDb } from './lib/pouch'
import { fmt, mb, median, option, percentile, quickFlag, ratio, table } from './lib/report'
import { pouchdbServerInstalled, startServerOf, type BenchServer, type ServerKind } from './lib/servers'

const DB = 'dgb-m-arendonk'

export interface LoadResult {
  server: ServerKind
  clients: number
  seconds: number
  /** Help sessions written by clients and acknowledged by the server, per second. */
  writesPerSecond: number
  /** Documents that reached other clients through their pull, per second. */
  readsPerSecond: number
  bulkDocs: { count: number, p50: number, p99: number }
  changes: { count: number, p50: number, p99: number }
  errors: number
  peakRss: number
  /** Server CPU time (user + system) during the measured seconds. */
  cpuSeconds: number
}

interface Timings { bulkDocs: number[], changes: number[], errors: number, running: boolean }

/** The http adapter's fetch, timed per endpoint: `_bulk_docs` and `_changes` answer latency. */
function timedFetch(timings: Timings): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    const bucket = url.includes('/_bulk_docs') ? timings.bulkDocs : url.includes('/_changes') ? timings.changes : null
    const t0 = performance.now()
    try {
      const res = await fetch(input, init)
      if (bucket) {
        // The latency a client feels includes reading the whole answer.
        const body = await res.arrayBuffer()
        bucket.push(performance.now() - t0)
        if (res.status >= 500)
          timings.errors += 1
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })
      }
      if (res.status >= 500)
        timings.errors += 1
      return res
    }
    catch (error) {
      // Requests aborted by cancelling the syncs at the end are not server errors.
      if (timings.running)
        timings.errors += 1
      throw error
    }
  }
}

export async function loadOne(s: BenchServer, clients: number, seconds: number): Promise<LoadResult> {
  await s.ensureDb(DB)
  const timings: Timings = { bulkDocs: [], changes: [], errors: 0, running: true }
  const fetchFn = timedFetch(timings)
  let written = 0
  let read = 0
  let running = true
  const syncs: PouchDB.Replication.Sync<object>[] = []
  const locals: PouchDB.Database[] = []
  let peakRss = 0
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, s.memory().rss)
  }, 250)

  const cpuAtStart = s.cpuSeconds()
  const loops = Array.from({ length: clients }, async () => {
    const local = localDb('load')
    locals.push(local)
    const remote = remoteDb(s, DB, fetchFn)
    const acked = new Map<string, () => void>()
    const sync = local.sync(remote, { live: true, retry: true })
    syncs.push(sync)
    sync.on('change', (info) => {
      if (info.direction === 'push') {
        for (const doc of info.change.docs)
          acked.get(doc._id)?.()
      }
      else {
        read += info.change.docs.length
      }
    })
    while (running) {
      const doc = makeHelpSession({ staff: 'vera' })
      const pushed = new Promise<void>(done => acked.set(doc._id, done))
      await local.put(doc)
      // Closed loop: the next write waits for the server to have this one (or for the end).
      await Promise.race([pushed, new Promise(r => setTimeout(r, seconds * 1000))])
      acked.delete(doc._id)
      if (running)
        written += 1
    }
  })

  await new Promise(r => setTimeout(r, seconds * 1000))
  running = false
  timings.running = false
  const writtenAtEnd = written
  const readAtEnd = read
  clearInterval(sampler)
  peakRss = Math.max(peakRss, s.memory().rss)
  const cpuSeconds = s.cpuSeconds() - cpuAtStart
  for (const sync of syncs)
    sync.cancel()
  await Promise.allSettled(loops)
  await Promise.allSettled(locals.map(l => l.destroy()))

  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b)
    return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
  }
  return {
    server: s.kind,
    clients,
    seconds,
    writesPerSecond: writtenAtEnd / seconds,
    readsPerSecond: readAtEnd / seconds,
    bulkDocs: stats(timings.bulkDocs),
    changes: stats(timings.changes),
    errors: timings.errors,
    peakRss,
    cpuSeconds,
  }
}

/**
 * Runs each server `rounds` times, taking turns and starting with a different server each round
 * (the machine is shared: load from other work comes and goes); each figure is the median.
 */
export async function runServerLoad(opts: { servers: ServerKind[], clients: number, seconds: number, rounds?: number, log?: (line: string) => void }): Promise<LoadResult[]> {
  const runs = new Map<ServerKind, LoadResult[]>()
  const rounds = opts.rounds ?? 1
  for (let round = 0; round < rounds; round++) {
    const order = [...opts.servers.slice(round % opts.servers.length), ...opts.servers.slice(0, round % opts.servers.length)]
    for (const kind of order) {
      opts.log?.(`  ${opts.clients} clients × ${opts.seconds} s → ${kind}${rounds > 1 ? ` (round ${round + 1})` : ''} …`)
      const s = await startServerOf(kind)
      try {
        const r = await loadOne(s, opts.clients, opts.seconds)
        opts.log?.(`    ${fmt(r.writesPerSecond, 1)} writes/s, ${fmt(r.readsPerSecond)} reads/s, peak ${mb(r.peakRss)}, CPU ${fmt(r.cpuSeconds, 1)} s`)
        runs.set(kind, [...runs.get(kind) ?? [], r])
      }
      finally {
        await s.stop()
      }
    }
    // Per round as well: the table's ratios are of medians, and the machine's load moves rounds.
    const ours = runs.get('sync-server')?.[round]
    for (const [kind, list] of runs) {
      const theirs = list[round]
      if (ours && theirs && kind !== 'sync-server')
        opts.log?.(`    round ${round + 1} against ${kind}: writes ${ratio(ours.writesPerSecond, theirs.writesPerSecond)}, peak RSS ${ratio(ours.peakRss, theirs.peakRss)}`)
    }
  }
  return opts.servers.map(kind => medianRun(runs.get(kind)!))
}

/** Each figure the median of the rounds. */
function medianRun(runs: LoadResult[]): LoadResult {
  const mid = (pick: (r: LoadResult) => number) => median(runs.map(pick))
  return {
    ...runs[0]!,
    writesPerSecond: mid(r => r.writesPerSecond),
    readsPerSecond: mid(r => r.readsPerSecond),
    bulkDocs: { count: mid(r => r.bulkDocs.count), p50: mid(r => r.bulkDocs.p50), p99: mid(r => r.bulkDocs.p99) },
    changes: { count: mid(r => r.changes.count), p50: mid(r => r.changes.p50), p99: mid(r => r.changes.p99) },
    errors: mid(r => r.errors),
    peakRss: mid(r => r.peakRss),
    cpuSeconds: mid(r => r.cpuSeconds),
  }
}

export function loadTable(results: LoadResult[]): string {
  const ours = results.find(r => r.server === 'sync-server')
  const rows = [['server', 'writes/s', 'reads/s', '_bulk_docs p50/p99 ms', '_changes p50/p99 ms', 'errors', 'peak RSS', 'server CPU s', 'writes ratio', 'RSS ratio']]
  for (const r of results) {
    rows.push([
      r.server, fmt(r.writesPerSecond), fmt(r.readsPerSecond),
      `${fmt(r.bulkDocs.p50, 1)} / ${fmt(r.bulkDocs.p99, 1)}`,
      `${fmt(r.changes.p50, 1)} / ${fmt(r.changes.p99, 1)}`,
      String(r.errors), mb(r.peakRss), fmt(r.cpuSeconds, 1),
      ours && r !== ours ? ratio(ours.writesPerSecond, r.writesPerSecond) : '',
      ours && r !== ours ? ratio(ours.peakRss, r.peakRss) : '',
    ])
  }
  return table(rows)
}

async function main(): Promise<void> {
  const quick = quickFlag()
  const clients = Number(option('clients', quick ? '10' : '50'))
  const seconds = Number(option('seconds', quick ? '5' : '60'))
  const rounds = Number(option('rounds', '1'))
  const installed: ServerKind[] = pouchdbServerInstalled() ? ['sync-server', 'pouchdb-server-disk'] : ['sync-server']
  // `--servers=sync-server` measures ours alone (comparing a change of ours with itself).
  const only = option('servers', '')
  const servers = only ? installed.filter(s => only.split(',').includes(s)) : installed
  console.log(`\nServer under load: ${clients} live-syncing PouchDB 9 clients, each writing its next help session once the`)
  console.log(`previous one reached the server, and pulling everyone else's, for ${seconds} s per server`)
  const results = await runServerLoad({ servers, clients, seconds, rounds, log: line => console.log(line) })
  console.log(`\n${loadTable(results)}`)
  console.log('\nwrites ratio = sync-server ÷ pouchdb-server (higher is better); RSS ratio = sync-server ÷ pouchdb-server (lower is better).')
  console.log('_changes is the live longpoll feed: its latency includes waiting for the next change.')
  console.log('The sync-server validates every write with the domain rules; pouchdb-server (admin party, LevelDB) does not.')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
