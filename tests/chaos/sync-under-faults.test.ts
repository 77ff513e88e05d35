import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { createUser, request } from '../server/support/http'
import { localDb, remoteDb } from '../server/support/pouch'
import { exited, runCli, spawnServer, type ServerProcess } from '../server/support/process'
import { ADMIN } from '../server/support/server'
import { seeded } from '../server/support/fuzz-requests'
import { Proxy } from './support/proxy'

// Issue 8, "nothing lost": tablets keep writing and live-syncing while the server is killed with
// SIGKILL mid-push and mid-pull and the network is cut, round after round. In the end every record
// is on every side once, with one winning revision everywhere, and the server's files are sound.
const SEED = Number(process.env.CHAOS_SEED ?? 8)
const ROUNDS = Number(process.env.CHAOS_ROUNDS ?? 50)
const TABLETS = 3
const DB = 'dgb-m-arendonk'
const VERA = { name: 'vera', password: 'vera-password-1' }
const r = seeded(SEED)
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

let dataDir: string
let env: Record<string, string>
let server: ServerProcess
let port: number
let proxy: Proxy

interface Tablet {
  db: PouchDB.Database
  sync: PouchDB.Replication.Sync<object>
  denied: number
}
const tablets: Tablet[] = []
const created = new Set<string>()

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dgb-chaos-'))
  env = { DATA_DIR: dataDir, ADMIN_PASSWORD: ADMIN.password, STATIC_DIR: join(dataDir, 'no-app') }
  server = await spawnServer({ ...env, PORT: '0' })
  port = Number(new URL(server.url).port)
  await createUser(server.url, ADMIN, VERA.name, VERA.password, ['volunteer', 'm:arendonk'])
  proxy = new Proxy(port)
  await proxy.start()
  for (let i = 0; i < TABLETS; i++) {
    const db = localDb(`tablet-${i}`)
    const remote = remoteDb(`http://127.0.0.1:${proxy.port}`, DB, VERA)
    // PouchDB 9's replicator calls `src.info()` after each pulled batch only to count progress, and
    // never catches it: a connection cut at that moment is an unhandled rejection in the client
    // (not a lost record). Progress counts may be wrong then; the replication itself retries.
    const info = remote.info.bind(remote)
    remote.info = (() => info().catch(() => ({ db_name: DB, update_seq: 0, doc_count: 0 }))) as typeof remote.info
    // Quick, bounded retries: the default back-off doubles up to 10 minutes.
    const sync = db.sync(remote, { live: true, retry: true, batch_size: 25, back_off_function: d => (d === 0 ? 100 : Math.min(d * 2, 800)) })
    const tablet: Tablet = { db, sync, denied: 0 }
    sync.on('denied', () => tablet.denied++)
    tablets.push(tablet)
  }
}, 60_000)

afterAll(async () => {
  for (const t of tablets)
    t.sync.cancel()
  await proxy?.stop()
  server?.child.kill('SIGKILL')
  if (server)
    await exited(server.child)
  rmSync(dataDir, { recursive: true, force: true })
})

/** A tablet's work in one round: new sessions, and now and then an edit or a deletion. */
async function work(t: Tablet): Promise<void> {
  const fresh = Array.from({ length: 1 + r.int(6) }, () => makeHelpSession({ staff: 'vera', now: new Date().toISOString() }))
  await t.db.bulkDocs(fresh)
  fresh.forEach(d => created.add(d._id))
  const { rows } = await t.db.allDocs({ limit: 200 })
  if (rows.length > 0 && r.int(3) === 0) {
    const doc = await t.db.get<Record<string, unknown>>(r.pick(rows).id)
    await t.db.put({ ...doc, note: `bijgewerkt ${r.int(1e6)}`, updatedAt: new Date().toISOString() })
  }
  if (rows.length > 0 && r.int(8) === 0)
    await t.db.remove(await t.db.get(r.pick(rows).id))
}

async function restartServer(): Promise<void> {
  server.child.kill('SIGKILL')
  await exited(server.child)
  await sleep(r.int(200))
  server = await spawnServer({ ...env, PORT: String(port) })
}

/** id → winning revision (and whether it is a deletion) for every record ever created. */
async function winners(db: PouchDB.Database): Promise<Map<string, string>> {
  const res = await db.allDocs({ keys: [...created] })
  return new Map(res.rows.map(row => [row.key, 'error' in row ? `error:${String(row.error)}` : `${row.value.rev}${row.value.deleted ? ' deleted' : ''}`]))
}

describe('sync under faults', () => {
  it(`${ROUNDS} rounds of SIGKILL and cut connections lose and duplicate nothing`, async () => {
    let kills = 0
    let cuts = 0
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(tablets.map(work))
      // Strike while the writes are being pushed and other tablets pull them.
      await sleep(r.int(120))
      const fault = r.pick(['kill', 'kill', 'cut', 'cut', 'none'])
      if (fault === 'kill') {
        kills++
        await restartServer()
      }
      else if (fault === 'cut') {
        cuts++
        proxy.cut()
        await sleep(50 + r.int(300))
        proxy.restore()
      }
      else {
        await sleep(r.int(150))
      }
    }
    expect(kills).toBeGreaterThanOrEqual(ROUNDS / 4)
    expect(cuts).toBeGreaterThanOrEqual(ROUNDS / 4)
    expect(created.size).toBeGreaterThanOrEqual(ROUNDS * TABLETS)

    // Faults over: every side must converge on the same records and winners.
    const remote = remoteDb(server.url, DB, ADMIN)
    let last = ''
    const deadline = Date.now() + 40_000
    for (;;) {
      const expected = await winners(remote)
      const sides = await Promise.all(tablets.map(t => winners(t.db)))
      const diff = sides.flatMap((side, i) => [...created].filter(id => side.get(id) !== expected.get(id)).map(id => `tablet ${i} ${id}: ${side.get(id)} ≠ ${expected.get(id)}`))
      const missing = [...created].filter(id => expected.get(id)?.startsWith('error'))
      last = [...missing.map(id => `server lacks ${id}`), ...diff].slice(0, 10).join('\n')
      if (last === '')
        break
      if (Date.now() > deadline)
        break
      await sleep(500)
    }
    expect(last).toBe('')
    expect(tablets.map(t => t.denied)).toEqual(tablets.map(() => 0))

    // Exactly once: the server holds one document per record created, all reached by its feed.
    const info = await request(server.url, 'GET', `/${DB}`, { auth: ADMIN })
    expect(info.body.doc_count + info.body.doc_del_count).toBe(created.size)
    const feed = await request(server.url, 'GET', `/${DB}/_changes`, { auth: ADMIN })
    expect(new Set(feed.body.results.map((c: { id: string }) => c.id)).size).toBe(created.size)

    server.child.kill('SIGKILL')
    await exited(server.child)
    const check = await runCli(['integrity'], { DATA_DIR: dataDir })
    expect(check.out).toContain(`${DB}: ok (${created.size} docs)`)
    expect(check.code).toBe(0)
    server = await spawnServer({ ...env, PORT: String(port) })
  }, 150_000)
})
