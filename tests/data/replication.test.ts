import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer, SessionRow } from '../../src/data'
import { makeHelpSession } from '../factories/help-session'
import { makeSessionInputs } from '../factories/session-input'
import { localDb, newDevice } from './helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// Real replication: two simulated tablets (own IndexedDB names, own cookie jar) against the real
// sync-server on 127.0.0.1.
const PASSWORD = 'digipunt-2370'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'vera', PASSWORD, ['volunteer', 'm:arendonk'])
  await createStaff(server.url, 'wim', PASSWORD, ['volunteer', 'm:arendonk'])
})

afterAll(async () => {
  await server.stop()
})

afterEach(async () => {
  await server.up()
  await Promise.all(open.splice(0).map(d => d.close()))
})

async function tablet(name: string) {
  const device = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
  open.push(device.data)
  const profile = await device.data.auth.signIn(name, PASSWORD)
  return { ...device, profile }
}

const key = (rows: SessionRow[]) => rows.map(r => `${r.id} ${r.rev}`).sort()

async function settled(data: DataLayer, count: number, timeout = 60_000) {
  await vi.waitFor(async () => {
    expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0 })
    expect(await data.sessions.list({})).toHaveLength(count)
  }, { timeout, interval: 250 })
}

describe('replication through the sync-server', () => {
  it('moves 1,000 sessions both ways, and a server restart loses nothing', async () => {
    const a = await tablet('vera')
    const b = await tablet('wim')

    // Each logs 500 sessions before their tablet syncs at all (a day without network).
    for (const input of makeSessionInputs(500))
      expect((await a.data.sessions.create(input, a.profile)).ok).toBe(true)
    for (const input of makeSessionInputs(500, { location: 'loc-arendonk-sh' }))
      expect((await b.data.sessions.create(input, b.profile)).ok).toBe(true)
    await vi.waitFor(() => expect(a.data.sync.status()).toMatchObject({ state: 'stopped', pending: 500 }))
    a.data.sync.start(a.profile)
    b.data.sync.start(b.profile)

    await settled(a.data, 1000)
    await settled(b.data, 1000)
    expect(key(await a.data.sessions.list({}))).toEqual(key(await b.data.sessions.list({})))
    expect((await b.data.sessions.list({ createdBy: 'vera' })).every(r => !r.pending)).toBe(true)
    expect(a.data.sync.status().lastSyncedAt).not.toBeNull()

    // Live: what Wim logs now shows up on Vera's tablet without anyone starting anything.
    for (const input of makeSessionInputs(10, { location: 'loc-arendonk-sh', categories: ['email'] }))
      await b.data.sessions.create(input, b.profile)
    await settled(a.data, 1010)

    // The server goes away: Vera keeps working, her tablet says it is offline and counts what waits.
    await server.down()
    await vi.waitFor(() => expect(a.data.sync.status().state).toBe('offline'), { timeout: 15_000 })
    for (const input of makeSessionInputs(20, { location: 'loc-arendonk-sh', outcome: 'deels' }))
      await a.data.sessions.create(input, a.profile)
    // The list shows each save as pending at once; the status counts the outbox a moment later.
    expect((await a.data.sessions.list({ limit: 20 })).every(r => r.pending)).toBe(true)
    await vi.waitFor(() => expect(a.data.sync.status()).toMatchObject({ state: 'offline', pending: 20 }))

    // Back on the same port and data folder: the retry loop finds it without any click.
    await server.up()
    await settled(a.data, 1030, 60_000)
    await settled(b.data, 1030, 60_000)

    // A tablet that never synced before gets everything from the restarted server's disk.
    const c = await tablet('vera')
    c.data.sync.start(c.profile)
    await settled(c.data, 1030)
    expect(key(await c.data.sessions.list({}))).toEqual(key(await a.data.sessions.list({})))
    expect(key(await b.data.sessions.list({}))).toEqual(key(await a.data.sessions.list({})))
  }, 240_000)

  it('keeps a refused record with the server\'s reason, and goes on syncing the rest', async () => {
    const a = await tablet('vera')
    const b = await tablet('wim')
    // Written straight into PouchDB, bypassing the repository: a valid session of vera's for a room
    // in Ravels, put into Arendonk's database. (A record claiming someone else as its author is
    // not pushed at all: it waits for that person, see replication-identity.test.ts.)
    const forged = makeHelpSession({ staff: 'vera', note: 'forged', location: 'loc-ravels-bib' })
    const db = localDb(a.prefix, 'dgb-m-arendonk')
    await db.put(forged)
    await db.close()
    const ok = await a.data.sessions.create(makeSessionInputs(1)[0]!, a.profile)
    const okId = ok.ok ? ok.value._id : ''

    a.data.sync.start(a.profile)
    b.data.sync.start(b.profile)

    await vi.waitFor(() => expect(a.data.sync.status().refused).toEqual([{ id: forged._id, reason: expect.stringContaining('another municipality') }]), { timeout: 30_000 })
    // The server may hold sessions from earlier tests; only these two matter here.
    const ids = async (d: DataLayer) => (await d.sessions.list({})).map(r => r.id).filter(id => id === okId || id === forged._id)
    await vi.waitFor(async () => expect(await ids(b.data)).toEqual([okId]), { timeout: 30_000 })
    await vi.waitFor(() => expect(a.data.sync.status()).toMatchObject({ state: 'synced', pending: 0 }), { timeout: 30_000 })
    const row = (await a.data.sessions.list({})).find(r => r.id === forged._id)
    expect(row).toMatchObject({ pending: false, refusedReason: expect.stringContaining('another municipality') })

    // More work syncs; the refusal stays, also across a restart of the tablet's app.
    const more = await a.data.sessions.create(makeSessionInputs(1)[0]!, a.profile)
    const moreId = more.ok ? more.value._id : ''
    await vi.waitFor(async () => expect((await b.data.sessions.list({})).map(r => r.id)).toContain(moreId), { timeout: 30_000 })
    expect(await ids(b.data)).toEqual([okId])
    expect(a.data.sync.status().refused).toHaveLength(1)
    await a.data.close()
    const reopened = newDevice({ serverUrl: server.url, localPrefix: a.prefix, fetch: cookieJarFetch() }).data
    open.push(reopened)
    await vi.waitFor(() => expect(reopened.sync.status().refused).toHaveLength(1))
    expect((await reopened.sessions.list({})).find(r => r.id === forged._id)?.refusedReason).toContain('another municipality')
  })

  it('reports bad credentials, and an unsigned tablet as unauthorized', async () => {
    const { data } = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
    open.push(data)

    await expect(data.auth.signIn('vera', 'wrong')).rejects.toMatchObject({ code: 'badCredentials' })
    data.sync.start({ name: 'vera', roles: ['volunteer'], municipalities: ['arendonk'] })

    await vi.waitFor(() => expect(data.sync.status().state).toBe('unauthorized'), { timeout: 15_000 })
    const profile = await data.auth.signIn('vera', PASSWORD)
    expect(profile).toEqual({ name: 'vera', roles: ['volunteer'], municipalities: ['arendonk'] })
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), { timeout: 15_000 })
  })
})
