import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DB, DEFAULT_LOCATIONS, MUNICIPALITY_SLUGS, databasesFor, profileFromCtx } from '../../src/domain'
import type { DataLayer } from '../../src/data'
import { makeHelpSession, makeHelpSessions } from '../factories/help-session'
import { localDb, newDevice } from './helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// A coordinator reads nine databases: more than a browser can hold long polls open for. Its pulls
// run through the scheduler (one-shot pulls, three at a time, then a short "anything new?" per
// database), against the real sync-server.
const PASSWORD = 'coordinatie-2300'
const PER_MUNICIPALITY = 150
let server: ServerUnderTest
const open: DataLayer[] = []

const adminAuth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`

async function seed(db: string, docs: object[]): Promise<void> {
  const res = await fetch(`${server.url}/${db}/_bulk_docs`, { method: 'POST', headers: { 'Authorization': adminAuth, 'Content-Type': 'application/json' }, body: JSON.stringify({ docs }) })
  expect(res.status).toBe(201)
}

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'cora', PASSWORD, ['coordinator'])
  await createStaff(server.url, 'vera', PASSWORD, ['volunteer', 'm:arendonk'])
  // Something to catch up in every municipality's database (more than a live pull's batch of 100).
  for (const slug of MUNICIPALITY_SLUGS) {
    const location = DEFAULT_LOCATIONS.find(l => l.municipality === slug)!.id
    await seed(DB.municipality(slug), makeHelpSessions(PER_MUNICIPALITY, { location, staff: 'cora' }))
  }
})

afterAll(async () => {
  await server.stop()
})

afterEach(async () => {
  await server.up()
  await Promise.all(open.splice(0).map(d => d.close()))
})

interface Watch {
  /** The most `_changes` requests that were waiting for an answer at the same time. */
  maxChanges: number
  /** `since` of every `_changes` request, per database. */
  since: Map<string, string[]>
  /** Requests to this database's `_changes` wait until `release()`. */
  hold(db: string): void
  release(): void
}

/** A browser-like fetch that watches the pull requests and can hold one database's changes feed. */
function watchedFetch(): { fetch: typeof fetch, watch: Watch } {
  const jar = cookieJarFetch()
  let held: string | null = null
  let open = () => {}
  let gate = Promise.resolve()
  let changes = 0
  const watch: Watch = {
    maxChanges: 0,
    since: new Map(),
    hold(db) {
      held = db
      gate = new Promise(resolve => (open = resolve))
    },
    release() {
      held = null
      open()
    },
  }
  const wrapped = (async (input, init) => {
    const url = new URL(String(input))
    const [, db, endpoint] = url.pathname.split('/')
    if (endpoint !== '_changes' || !db)
      return jar(input, init)
    watch.since.set(db, [...watch.since.get(db) ?? [], url.searchParams.get('since') ?? '0'])
    changes += 1
    watch.maxChanges = Math.max(watch.maxChanges, changes)
    try {
      if (db === held)
        await gate
      return await jar(input, init)
    }
    finally {
      changes -= 1
    }
  }) as typeof fetch
  return { fetch: wrapped, watch }
}

async function localCount(prefix: string, db: string): Promise<number> {
  const local = localDb(prefix, db)
  const { doc_count } = await local.info()
  await local.close()
  return doc_count
}

describe('scheduled pulls for an account with nine databases', () => {
  it('says synced only once all nine caught up, pulls three at a time, and then keeps current', async () => {
    const { fetch, watch } = watchedFetch()
    const { data, prefix } = newDevice({ serverUrl: server.url, fetch })
    open.push(data)
    const profile = await data.auth.signIn('cora', PASSWORD)
    const databases = databasesFor(profile)
    expect(databases).toHaveLength(9)
    const last = DB.municipality(MUNICIPALITY_SLUGS.at(-1)!)
    expect(databases).toContain(last)
    // The last municipality's database answers nothing for now: the other eight catch up meanwhile.
    watch.hold(last)
    data.sync.start(profile)

    const others = MUNICIPALITY_SLUGS.map(DB.municipality).filter(db => db !== last)
    await vi.waitFor(async () => {
      for (const db of others)
        expect(await localCount(prefix, db)).toBe(PER_MUNICIPALITY)
    }, { timeout: 60_000, interval: 250 })
    await vi.waitFor(async () => expect((await data.sessions.list({})).length).toBe(PER_MUNICIPALITY * others.length), { timeout: 30_000 })
    expect(data.sync.status().state).toBe('syncing')
    expect(await localCount(prefix, last)).toBe(0)

    watch.release()
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0 }), { timeout: 60_000, interval: 100 })
    expect(await localCount(prefix, last)).toBe(PER_MUNICIPALITY)
    // Three pulls at a time leave the browser's other connections to pushes and sign-in.
    expect(watch.maxChanges).toBeLessThanOrEqual(3)

    // Later, another tablet's record reaches this one without any restart.
    const later = makeHelpSession({ location: 'loc-ravels-bib', staff: 'cora', note: 'later' })
    await seed(DB.municipality('ravels'), [later])
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => r.id)).toContain(later._id), { timeout: 30_000, interval: 250 })
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 30_000 })
    // While nothing changes, "synced at" still moves on: each round that finds nothing new counts.
    const at = data.sync.status().lastSyncedAt
    await vi.waitFor(() => expect(data.sync.status().lastSyncedAt).not.toBe(at), { timeout: 15_000 })
  }, 180_000)

  it('resumes from the checkpoint of a live pull when the tablet moves to scheduled pulls', async () => {
    const { fetch, watch } = watchedFetch()
    const { data } = newDevice({ serverUrl: server.url, fetch })
    open.push(data)
    const arendonk = DB.municipality('arendonk')
    // A volunteer in Arendonk pulls three databases live.
    const vera = await data.auth.signIn('vera', PASSWORD)
    data.sync.start(vera)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 60_000 })
    await vi.waitFor(async () => expect((await data.sessions.list({})).length).toBeGreaterThanOrEqual(PER_MUNICIPALITY), { timeout: 30_000 })
    const liveRequests = watch.since.get(arendonk)!.length

    // A coordinator signs in on the same tablet: nine databases, scheduled.
    await data.auth.signIn('cora', PASSWORD)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 60_000 })
    const scheduled = watch.since.get(arendonk)!.slice(liveRequests)
    expect(scheduled.length).toBeGreaterThan(0)
    expect(scheduled.every(since => since !== '0')).toBe(true)
  }, 120_000)

  it('says offline while the server is away, and catches up without a restart when it is back', async () => {
    const { data } = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
    open.push(data)
    const profile = await data.auth.signIn('cora', PASSWORD)
    data.sync.start(profile)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 60_000 })

    await server.down()
    await vi.waitFor(() => expect(data.sync.status().state).toBe('offline'), { timeout: 30_000 })
    await server.up()
    const back = makeHelpSession({ location: 'loc-merksplas-bib', staff: 'cora', note: 'back' })
    await seed(DB.municipality('merksplas'), [back])
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => r.id)).toContain(back._id), { timeout: 60_000, interval: 250 })
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 60_000 })
  }, 180_000)

  it('stops every pull on a 401 until someone signs in again', async () => {
    let calls = 0
    const { data } = newDevice({ serverUrl: 'http://desk.example', fetch: (async () => {
      calls += 1
      return Response.json({ error: 'unauthorized', reason: 'You are not authorized to access this db.' }, { status: 401 })
    }) as typeof fetch })
    open.push(data)
    data.sync.start(profileFromCtx({ name: 'cora', roles: ['coordinator'] })!)

    await vi.waitFor(() => expect(data.sync.status().state).toBe('unauthorized'))
    await new Promise(r => setTimeout(r, 200))
    const settled = calls
    // Longer than a poll round: nothing asks the server any more.
    await new Promise(r => setTimeout(r, 4000))
    expect(calls).toBe(settled)
  })
})
