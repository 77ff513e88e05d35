import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { makeHelpSession } from '../factories/help-session'
import { makeSessionInput } from '../factories/session-input'
import { closeDevices, device, localDb } from './helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// A coordinator changes the municipalities of an account; the real sync-server applies it at once,
// and the account's tablet follows: a new municipality starts replicating, one taken away is
// dropped from the tablet, but never while it still holds records the server has not got.
const PASSWORD = 'balie-wachtwoord-2370'
const RAVELS = 'dgb-m-ravels'
const MERKSPLAS = 'dgb-m-merksplas'
const WAIT = { timeout: 30_000, interval: 200 }
let server: ServerUnderTest

beforeAll(async () => {
  server = await startSyncServer()
})
afterAll(() => server.stop())
afterEach(closeDevices)

const asAdmin = { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` }

/** What a coordinator's edit does on the server: the account's roles replaced. */
async function setRoles(name: string, roles: string[]): Promise<void> {
  const url = `${server.url}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`
  const doc = await (await fetch(url, { headers: asAdmin })).json() as Record<string, unknown>
  const res = await fetch(url, { method: 'PUT', headers: asAdmin, body: JSON.stringify({ ...doc, roles }) })
  expect(res.status).toBe(201)
}

async function onServer(db: string, id: string): Promise<boolean> {
  return (await fetch(`${server.url}/${db}/${encodeURIComponent(id)}`, { headers: asAdmin })).status === 200
}

async function signedInTablet(name: string): Promise<{ data: DataLayer, prefix: string }> {
  const tablet = device({ serverUrl: server.url, fetch: cookieJarFetch() })
  await tablet.data.auth.signIn(name, PASSWORD)
  return tablet
}

async function session(data: DataLayer, location: string): Promise<string> {
  const result = await data.sessions.create(makeSessionInput({ location }), (await data.auth.current())!)
  if (!result.ok)
    throw new Error('invalid session')
  return result.value._id
}

describe('changing an account\'s scope changes what its tablet holds', () => {
  it('starts replicating a municipality that was added and drops one that was taken away', async () => {
    await createStaff(server.url, 'sam', PASSWORD, ['volunteer', 'm:arendonk', 'm:ravels'])
    const { data, prefix } = await signedInTablet('sam')
    data.sync.start((await data.auth.current())!)
    const inRavels = await session(data, 'loc-ravels-bib')
    await vi.waitFor(async () => expect(await onServer(RAVELS, inRavels)).toBe(true), WAIT)
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0 }), WAIT)
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => r.id)).toContain(inRavels), WAIT)

    // Somebody else's help session in Merksplas, which sam will be able to read.
    const inMerksplas = makeHelpSession({ location: 'loc-merksplas-bib', staff: 'mia' })
    expect((await fetch(`${server.url}/${MERKSPLAS}/${inMerksplas._id}`, { method: 'PUT', headers: asAdmin, body: JSON.stringify(inMerksplas) })).status).toBe(201)

    const told: string[][] = []
    data.auth.onScopeChange(p => told.push(p.municipalities))
    await setRoles('sam', ['volunteer', 'm:arendonk', 'm:merksplas'])
    await data.sync.now()
    expect(told).toEqual([['arendonk', 'merksplas']])

    await vi.waitFor(async () => expect((await localDb(prefix, MERKSPLAS).get(inMerksplas._id))._id).toBe(inMerksplas._id), WAIT)
    await vi.waitFor(async () => expect((await localDb(prefix, RAVELS).info()).doc_count).toBe(0), WAIT)
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => r.id)).not.toContain(inRavels), WAIT)
    // Pulled into PouchDB above; the read model projects it a moment later.
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => r.id)).toContain(inMerksplas._id), WAIT)
    // The tablet unlocks and stamps with the new scope; the server kept the record it had.
    expect(await data.auth.current()).toMatchObject({ name: 'sam', municipalities: ['arendonk', 'merksplas'] })
    expect(await onServer(RAVELS, inRavels)).toBe(true)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('synced'), WAIT)
  })

  it('keeps a municipality that was taken away while it holds unsynced records, and sends them when it can', async () => {
    await createStaff(server.url, 'tom', PASSWORD, ['volunteer', 'm:arendonk', 'm:ravels'])
    const { data, prefix } = await signedInTablet('tom')
    // Made offline, before the change: the server has not got it.
    const waiting = await session(data, 'loc-ravels-weelde')
    await setRoles('tom', ['volunteer', 'm:arendonk'])
    data.sync.start((await data.auth.current())!)
    await data.sync.now()

    await vi.waitFor(async () => expect(await data.auth.current()).toMatchObject({ municipalities: ['arendonk'] }), WAIT)
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 1 }), WAIT)
    expect((await localDb(prefix, RAVELS).get(waiting))._id).toBe(waiting)
    expect(await data.device.unsynced()).toMatchObject({ total: 1, byKind: [{ kind: 'session', count: 1 }] })
    expect((await data.sessions.list({})).find(r => r.id === waiting)).toMatchObject({ pending: true })
    expect(await onServer(RAVELS, waiting)).toBe(false)

    // Ravels given back: the record goes up, nothing was lost.
    await setRoles('tom', ['volunteer', 'm:arendonk', 'm:ravels'])
    await data.sync.now()
    await vi.waitFor(async () => expect(await onServer(RAVELS, waiting)).toBe(true), WAIT)
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0 }), WAIT)
  })
})
