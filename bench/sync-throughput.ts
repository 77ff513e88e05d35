/**
 * Push and pull of N small help-session documents between a PouchDB 9 client (Node, memory
 * adapter) and each server, started fresh for each size, side by side in one run:
 * our sync-server (SQLite, domain validation of every write, signed in as a volunteer with a session cookie, as the app syncs) against
 * pouchdb-server 4.2 in memory and on LevelDB (admin party, no validation). A fourth, `client-alone`
 * (`lib/client-alone.ts`), stores nothing and answers at once: its push is the client's own time,
 * and the bench prints what it means, the most any server could reach against each reference.
 *
 *   node_modules/.bin/tsx bench/sync-throughput.ts [--quick] [--sizes=10000,100000] [--rounds=3,1] [--keep-alive] [--batch=100]
 *
 * `--rounds` is one count for every size, or one per size in the order of `--sizes` (the last
 * one for any size after it). Without it: three rounds of a size up to 10,000 and one of a larger
 * one, one in the quick form. A round of 10,000 takes about half a minute, and the ratio of one
 * round alone moved by 0.4× between runs of the same code (1.91× and 2.33×).
 *
 * Both legs use PouchDB's batches of 100 documents, as the app's live push and pull do; `--batch=N`
 * pushes in batches of N to every server instead (500: CouchDB's own replicator; bigger batches
 * help pouchdb-server more than ours, 1.83× against LevelDB at 500 where 100 gave 2.05× in the
 * same quiet hour).
 *
 * Connections: PouchDB's own fetch in Node (node-fetch 2 without an agent) sends `Connection:
 * close`, so by default every request opens a new TCP connection to either server. A browser keeps
 * its connections open; `--keep-alive` gives both servers' clients Node's built-in fetch, which
 * does the same. `--requests` times every request through that built-in fetch too, so its figures
 * are always with kept-alive connections.
 */
import { execFileSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { makeHelpSessions } from '../tests/factories/help-session'
import { localDb, sessionDb, signIn } from './lib/pouch'
import { fmt, mb, median, option, quickFlag, ratio, table } from './lib/report'
import { requestTimings, type RequestTimings } from './lib/request-timings'
import { isReference, pouchdbServerInstalled, startServerOf, type ServerKind } from './lib/servers'

const DB = 'dgb-m-arendonk'
const WARM_UP_DOCS = 1000
/** PouchDB's batch size, which the app's live push keeps (src/data/replication-leg.ts). */
const PUSH_BATCH = 100

export interface SyncResult {
  server: ServerKind
  docs: number
  pushDocsPerSecond: number
  pullDocsPerSecond: number
  /** Peak resident memory of the server process during the run. */
  peakRss: number
  /** Server CPU time (user + system) per 1,000 documents, in ms: less moved by other work on the machine. */
  pushCpuMsPerThousand: number
  pullCpuMsPerThousand: number
  /** Of the push's server CPU per 1,000 documents: the main thread's, and the other threads'. */
  pushCpuMainMsPerThousand: number
  pushCpuOtherMsPerThousand: number
}

export interface SyncOptions {
  sizes: number[]
  servers: ServerKind[]
  /** Rounds per size (servers take turns in each), one count or one per size (`roundsPerSize`); each figure is the median of the rounds. */
  rounds?: number | number[]
  log?: (line: string) => void
  /** Prints where the client waited, per request kind, after each leg (`--requests`). */
  requests?: boolean
  /** Both servers' clients keep their connections open, as a browser does (`--keep-alive`). */
  keepAlive?: boolean
  /** Documents per pushed batch (`--batch=N`); PouchDB's default of 100, the app's push, unless given. */
  pushBatch?: number
}

/**
 * The client's full garbage collection, before the untimed push that precedes every timed leg
 * (`settleClient`), not right before the timed push: a full collection just before a push left V8
 * a tight heap limit, and the push then paid for extra full collections and their concurrent
 * marking, 0.3-0.45 s of every 10,000-document leg whatever the server (bench/README.md, twelfth
 * session).
 */
let gc: (() => void) | undefined
function collectClientGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  gc()
}

/**
 * Before each server starts: what the last one wrote (and whose folder was just removed) is put on
 * the disk, so its flush does not land on the next server's timed push.
 */
async function settleDisk(): Promise<void> {
  execFileSync('sync')
  await new Promise(resolve => setTimeout(resolve, 500))
}

async function measure(server: ServerKind, source: PouchDB.Database, docs: number, timings?: { log: (line: string) => void, t: RequestTimings }, keepAlive = false, pushBatch = PUSH_BATCH): Promise<SyncResult> {
  await settleDisk()
  const s = await startServerOf(server)
  const fetchFn = timings?.t.fetch ?? (keepAlive ? fetch : undefined)
  try {
    await s.ensureDb(DB)
    const cookie = await signIn(s)
    timings?.t.reset()
    const threads0 = s.threadCpuSeconds()
    const cpu0 = s.cpuSeconds()
    const t0 = performance.now()
    const push = await source.replicate.to(sessionDb(s, DB, cookie, fetchFn), { batch_size: pushBatch })
    const pushSeconds = (performance.now() - t0) / 1000
    const cpu1 = s.cpuSeconds()
    const threads1 = s.threadCpuSeconds()
    if (push.docs_written !== docs || push.doc_write_failures !== 0)
      throw new Error(`${server}: pushed ${push.docs_written} of ${docs} (${push.doc_write_failures} refused)`)

    if (timings)
      logRequests(timings.log, 'push', timings.t)
    const perThousand = (seconds: number) => seconds * 1000 / (docs / 1000)
    const pushed = {
      server,
      docs,
      pushDocsPerSecond: docs / pushSeconds,
      peakRss: s.memory().peak,
      pushCpuMsPerThousand: perThousand(cpu1 - cpu0),
      pushCpuMainMsPerThousand: perThousand(threads1.main - threads0.main),
      pushCpuOtherMsPerThousand: perThousand(threads1.other - threads0.other),
    }
    // The client alone stores nothing, so there is nothing to pull from it.
    if (server === 'client-alone')
      return { ...pushed, pullDocsPerSecond: Number.NaN, pullCpuMsPerThousand: Number.NaN }

    const target = localDb('pull')
    timings?.t.reset()
    const t1 = performance.now()
    const pull = await target.replicate.from(sessionDb(s, DB, cookie, fetchFn))
    const pullSeconds = (performance.now() - t1) / 1000
    const cpu2 = s.cpuSeconds()
    if (timings)
      logRequests(timings.log, 'pull', timings.t)
    if (pull.docs_written !== docs)
      throw new Error(`${server}: pulled ${pull.docs_written} of ${docs}`)
    await target.destroy()
    return { ...pushed, peakRss: s.memory().peak, pullDocsPerSecond: docs / pullSeconds, pullCpuMsPerThousand: perThousand(cpu2 - cpu1) }
  }
  finally {
    await s.stop()
  }
}

function logRequests(log: (line: string) => void, leg: string, t: RequestTimings): void {
  const { kinds, idleMs, wallMs, clientCpuMs } = t.report()
  log(`    ${leg}: ${fmt(wallMs)} ms, client CPU ${fmt(clientCpuMs)} ms, no request in flight ${fmt(idleMs)} ms`)
  for (const k of kinds)
    log(`      ${k.kind.padEnd(22)} ${String(k.count).padStart(6)} × p50 ${fmt(k.p50, 1).padStart(6)} / p95 ${fmt(k.p95, 1).padStart(6)} ms, total ${fmt(k.totalMs).padStart(7)} ms, ${fmt(k.bytes / Math.max(1, k.count))} B each`)
}

/** Runs every size against every server; each server starts empty for each size. */
export async function runSyncThroughput(opts: SyncOptions): Promise<SyncResult[]> {
  const log = opts.log ?? (() => undefined)
  const results: SyncResult[] = []
  await warmUpClient(opts.servers[0]!, opts.keepAlive, opts.pushBatch)
  const rounds = Array.isArray(opts.rounds) ? opts.rounds : opts.sizes.map(() => opts.rounds as number | undefined ?? 1)
  for (const [size, docs] of opts.sizes.entries()) {
    const roundsHere = rounds[Math.min(size, rounds.length - 1)] ?? 1
    // One source database per size, pushed to each server: the checkpoint is per remote, so
    // every server gets a full push of the same documents.
    const source = localDb('source')
    const sessions = makeHelpSessions(docs, { staff: 'vera' })
    for (let i = 0; i < sessions.length; i += 5000)
      await source.bulkDocs(sessions.slice(i, i + 5000))
    const runs = new Map<ServerKind, SyncResult[]>()
    for (let round = 1; round <= roundsHere; round++) {
      // Each round another server goes first: load from other work on the machine comes and goes.
      const shift = (round - 1) % opts.servers.length
      for (const server of [...opts.servers.slice(shift), ...opts.servers.slice(0, shift)]) {
        log(`  ${fmt(docs)} docs → ${server}${roundsHere > 1 ? ` (round ${round})` : ''} …`)
        await settleClient(source, docs, opts.keepAlive, opts.pushBatch)
        const run = await measure(server, source, docs, opts.requests ? { log, t: requestTimings() } : undefined, opts.keepAlive, opts.pushBatch)
        log(`    push ${fmt(run.pushDocsPerSecond)} docs/s, pull ${fmt(run.pullDocsPerSecond)} docs/s, CPU ${fmt(run.pushCpuMsPerThousand)} / ${fmt(run.pullCpuMsPerThousand)} ms per 1,000 (push: main thread ${fmt(run.pushCpuMainMsPerThousand)}, other threads ${fmt(run.pushCpuOtherMsPerThousand)})`)
        runs.set(server, [...runs.get(server) ?? [], run])
      }
      logRoundRatios(log, runs, round)
    }
    for (const server of opts.servers)
      results.push(medianOf(runs.get(server)!))
    await source.destroy()
  }
  return results
}

/**
 * One untimed push and pull of 1,000 documents before the first measured one: the client's own
 * code (PouchDB's replicator and HTTP adapter in this process) runs cold the first time, and the
 * server measured first in round 1 (always ours) paid for that alone.
 */
async function warmUpClient(server: ServerKind, keepAlive?: boolean, pushBatch?: number): Promise<void> {
  const source = localDb('warm-up')
  await source.bulkDocs(makeHelpSessions(WARM_UP_DOCS, { staff: 'vera' }))
  await measure(server, source, WARM_UP_DOCS, undefined, keepAlive, pushBatch)
  await source.destroy()
}

/**
 * Before every timed leg, for every server alike: the client's garbage collected (the source's
 * filling before round 1, the last leg's push and pull otherwise), then one untimed push of the
 * same documents to the client alone. So each leg starts from the same state of the client's heap,
 * whichever leg came before it, and not from a full collection just done (see `collectClientGarbage`).
 */
async function settleClient(source: PouchDB.Database, docs: number, keepAlive?: boolean, pushBatch?: number): Promise<void> {
  collectClientGarbage()
  await measure('client-alone', source, docs, undefined, keepAlive, pushBatch)
}

/**
 * Our ratio against each other server within one round: the table's ratio is one of medians, and
 * the spread of these per-round ratios is what says how far the machine's load moved it.
 */
function logRoundRatios(log: (line: string) => void, runs: Map<ServerKind, SyncResult[]>, round: number): void {
  const ours = runs.get('sync-server')?.[round - 1]
  if (!ours)
    return
  const alone = runs.get('client-alone')?.[round - 1]
  for (const [server, list] of runs) {
    const theirs = list[round - 1]
    if (!isReference(server) || !theirs)
      continue
    const ceiling = alone ? ` (no server could push more than ${ratio(alone.pushDocsPerSecond, theirs.pushDocsPerSecond)} with this client)` : ''
    log(`    round ${round} against ${server}: push ${ratio(ours.pushDocsPerSecond, theirs.pushDocsPerSecond)}${ceiling}, pull ${ratio(ours.pullDocsPerSecond, theirs.pullDocsPerSecond)}`)
  }
}

/** Each figure the median of the rounds (the machine is shared: one slow round says little). */
function medianOf(runs: SyncResult[]): SyncResult {
  const mid = (pick: (r: SyncResult) => number) => median(runs.map(pick))
  return {
    ...runs[0]!,
    pushDocsPerSecond: mid(r => r.pushDocsPerSecond),
    pullDocsPerSecond: mid(r => r.pullDocsPerSecond),
    peakRss: mid(r => r.peakRss),
    pushCpuMsPerThousand: mid(r => r.pushCpuMsPerThousand),
    pullCpuMsPerThousand: mid(r => r.pullCpuMsPerThousand),
    pushCpuMainMsPerThousand: mid(r => r.pushCpuMainMsPerThousand),
    pushCpuOtherMsPerThousand: mid(r => r.pushCpuOtherMsPerThousand),
  }
}

export function syncTable(results: SyncResult[]): string {
  const rows = [['server', 'docs', 'push docs/s', 'pull docs/s', 'push ratio', 'pull ratio', 'peak RSS', 'CPU push/pull ms per 1k', 'CPU ratio push/pull']]
  const figure = (n: number) => Number.isFinite(n) ? fmt(n) : '—'
  for (const r of results) {
    const ours = results.find(o => o.server === 'sync-server' && o.docs === r.docs)
    const compared = ours && isReference(r.server)
    rows.push([
      r.server, fmt(r.docs), figure(r.pushDocsPerSecond), figure(r.pullDocsPerSecond),
      compared ? ratio(ours.pushDocsPerSecond, r.pushDocsPerSecond) : '',
      compared ? ratio(ours.pullDocsPerSecond, r.pullDocsPerSecond) : '',
      mb(r.peakRss),
      `${figure(r.pushCpuMsPerThousand)} / ${figure(r.pullCpuMsPerThousand)}`,
      compared ? `${ratio(r.pushCpuMsPerThousand, ours.pushCpuMsPerThousand)} / ${ratio(r.pullCpuMsPerThousand, ours.pullCpuMsPerThousand)}` : '',
    ])
  }
  return table(rows)
}

/**
 * The push's ceiling for each size: what no server could beat against each reference with this
 * client (the client alone's push against theirs), beside what ours reaches.
 */
export function ceilingLines(results: SyncResult[]): string[] {
  const lines: string[] = []
  for (const alone of results.filter(r => r.server === 'client-alone')) {
    const ours = results.find(r => r.server === 'sync-server' && r.docs === alone.docs)
    const refs = results.filter(r => r.docs === alone.docs && isReference(r.server))
    const against = refs.map(ref => `${ref.server} ${ratio(alone.pushDocsPerSecond, ref.pushDocsPerSecond)}${ours ? ` (ours ${ratio(ours.pushDocsPerSecond, ref.pushDocsPerSecond)})` : ''}`)
    lines.push(`${fmt(alone.docs)}: the client alone pushes ${fmt(alone.pushDocsPerSecond)} docs/s${ours ? `, ours ${ratio(ours.pushDocsPerSecond, alone.pushDocsPerSecond)} of that` : ''}${against.length ? `; the most any server could reach: ${against.join(', ')}` : ''}`)
  }
  return lines
}

/**
 * The rounds of each size from `--rounds`: one count for all ("3"), or one per size in order
 * ("3,1"), the last repeated for any size after it. Throws on anything but whole counts ≥ 1.
 */
export function roundsPerSize(spec: string, sizes: number[]): number[] {
  const counts = spec.split(',').map(part => Number(part.trim()))
  if (counts.length === 0 || counts.some(n => !Number.isInteger(n) || n < 1))
    throw new Error(`--rounds takes whole counts of at least 1, one for all sizes or one per size: "${spec}"`)
  return sizes.map((_, i) => counts[Math.min(i, counts.length - 1)]!)
}

export function availableServers(): ServerKind[] {
  return pouchdbServerInstalled() ? ['sync-server', 'pouchdb-server-memory', 'pouchdb-server-disk', 'client-alone'] : ['sync-server', 'client-alone']
}

async function main(): Promise<void> {
  const quick = quickFlag()
  const sizes = option('sizes', quick ? '1000' : '10000,100000').split(',').map(Number)
  const spec = option('rounds', '')
  // By default three rounds of any size up to 10,000, one of larger ones, one in the quick form.
  const rounds = spec ? roundsPerSize(spec, sizes) : sizes.map(n => quick || n > 10_000 ? 1 : 3)
  const servers = availableServers()
  console.log(`\nSync throughput: PouchDB 9 client (memory adapter) ⇄ server over 127.0.0.1, ${sizes.map(s => fmt(s)).join(' and ')} help sessions`)
  if (servers.length === 1)
    console.log('  (pouchdb-server is not installed in bench/: only our server is measured)')
  const only = option('servers', '')
  const chosen = only ? servers.filter(s => only.split(',').includes(s)) : servers
  const keepAlive = process.argv.includes('--keep-alive')
  if (keepAlive)
    console.log('  clients keep their connections open (`--keep-alive`, as a browser does)')
  const pushBatch = Number(option('batch', String(PUSH_BATCH)))
  if (pushBatch !== PUSH_BATCH)
    console.log(`  pushed in batches of ${fmt(pushBatch)} documents (the app's push, like PouchDB's default, sends ${PUSH_BATCH})`)
  const results = await runSyncThroughput({ sizes, servers: chosen, rounds, requests: process.argv.includes('--requests'), keepAlive, pushBatch, log: line => console.log(line) })
  console.log(`\n${syncTable(results)}`)
  console.log('\nRatio = sync-server ÷ that server (higher is better for us). The sync-server checks every help session with')
  console.log('the domain schema and write rules and authenticates each request (the session cookie of volunteer "vera",')
  console.log('signed in before the sync as the app does; the sign-in itself is not timed);')
  console.log('pouchdb-server runs in admin party and validates nothing. Both are part of this comparison.')
  console.log('CPU = server CPU time per 1,000 documents; CPU ratio = theirs ÷ ours (higher is better for us).')
  const ceiling = ceilingLines(results)
  if (ceiling.length > 0) {
    console.log('\nThe push\'s ceiling: client-alone answers every push request at once and stores nothing (bench/lib/client-alone.ts),')
    console.log('so its push is the PouchDB client\'s own time; no server can push faster with this client.')
    for (const line of ceiling)
      console.log(`  ${line}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
