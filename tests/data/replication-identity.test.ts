import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { makePersonInput } from '../factories/person'
import { makeSessionInput } from '../factories/session-input'
import { newDevice } from './helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// One shared tablet, two volunteers, the real sync-server. Replication runs under the cookie of
// the last online sign-in (the identity); the server takes a new record only from its author.
const PASSWORD = 'balie-wachtwoord-2370'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'anna', PASSWORD, ['volunteer', 'm:arendonk'])
  await createStaff(server.url, 'ben', PASSWORD, ['volunteer', 'm:arendonk'])
})
afterAll(() => server.stop())
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

/** What the server holds, read as its admin. */
async function onServer(id: string): Promise<{ createdBy?: string } | null> {
  const res = await fetch(`${server.url}/dgb-m-arendonk/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
  })
  return res.status === 200 ? await res.json() as { createdBy?: string } : null
}

async function create(data: DataLayer, name: string, note: string): Promise<string> {
  const profile = (await data.auth.current())!
  expect(profile.name).toBe(name)
  const result = await data.sessions.create(makeSessionInput({ note }), profile)
  if (!result.ok)
    throw new Error('session invalid')
  return result.value._id
}

describe('a shared tablet pushes as its identity', () => {
  it('keeps another person\'s record waiting, never refused, until they sign in online', async () => {
    const { data } = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
    open.push(data)
    // Ben signed in here once and set a PIN; then Anna signed in online: her cookie is the identity.
    await data.auth.signIn('ben', PASSWORD)
    expect(await data.device.setPin('ben', '7391')).toBeNull()
    const anna = await data.auth.signIn('anna', PASSWORD)
    data.sync.start(anna)
    const annasFirst = await create(data, 'anna', 'van anna')
    await vi.waitFor(async () => expect(await onServer(annasFirst)).toMatchObject({ createdBy: 'anna' }), { timeout: 30_000 })

    // Two taps and a PIN: Ben works on the tablet, sync goes on under Anna's cookie.
    await data.device.lock()
    expect((await data.device.unlock('ben', '7391')).ok).toBe(true)
    const bens = await create(data, 'ben', 'van ben')
    await data.device.lock()
    expect((await data.device.unlock('ben', '7391')).ok).toBe(true)
    await data.device.lock()
    await data.device.setPin('anna', '2580')
    expect((await data.device.unlock('anna', '2580')).ok).toBe(true)
    const annasSecond = await create(data, 'anna', 'weer anna')

    // Anna's new record goes up after Ben's (which is older in the changes feed); Ben's waits.
    await vi.waitFor(async () => expect(await onServer(annasSecond)).not.toBeNull(), { timeout: 30_000 })
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 1, refused: [], waiting: [{ name: 'ben', count: 1 }] }), { timeout: 30_000 })
    expect(await onServer(bens)).toBeNull()
    expect(await data.device.unsynced('ben')).toMatchObject({ total: 1, byKind: [{ kind: 'session', count: 1 }] })
    expect((await data.sessions.list({})).find(r => r.id === bens)).toMatchObject({ pending: true })

    // Ben signs in online: his cookie is the identity now, and his record goes up from its own checkpoint.
    await data.auth.signIn('ben', PASSWORD)
    await vi.waitFor(async () => expect(await onServer(bens)).toMatchObject({ createdBy: 'ben' }), { timeout: 30_000 })
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0, refused: [], waiting: [] }), { timeout: 30_000 })
    expect(await data.device.state()).toMatchObject({ identity: { name: 'ben' } })

    // Nothing lost: all three records are on the server once, by their own authors.
    expect(await Promise.all([annasFirst, bens, annasSecond].map(async id => (await onServer(id))?.createdBy))).toEqual(['anna', 'ben', 'anna'])
    expect((await data.sessions.list({})).filter(r => [annasFirst, bens, annasSecond].includes(r.id))).toHaveLength(3)
  })

  it('pushes everyone\'s records when the identity is a coordinator', async () => {
    await createStaff(server.url, 'carla', PASSWORD, ['coordinator'])
    const { data } = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
    open.push(data)
    await data.auth.signIn('ben', PASSWORD)
    await data.device.setPin('ben', '7391')
    const carla = await data.auth.signIn('carla', PASSWORD)
    data.sync.start(carla)
    await data.device.lock()
    await data.device.unlock('ben', '7391')
    const bens = await create(data, 'ben', 'via coördinator')
    await vi.waitFor(async () => expect(await onServer(bens)).toMatchObject({ createdBy: 'ben' }), { timeout: 30_000 })
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ pending: 0, waiting: [], refused: [] }), { timeout: 30_000 })
  })
})

describe('a shared record changed by someone other than its author', () => {
  async function onResidents(id: string): Promise<{ createdBy?: string, phone?: string, postcode?: string } | null> {
    const res = await fetch(`${server.url}/dgb-residents/${encodeURIComponent(id)}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
    })
    return res.status === 200 ? await res.json() as { createdBy?: string } : null
  }

  it('goes up from the editor\'s tablet, stamped with the editor (a resident registered by Anna, corrected by Ben)', async () => {
    const annaTablet = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() }).data
    const benTablet = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() }).data
    open.push(annaTablet, benTablet)
    const anna = await annaTablet.auth.signIn('anna', PASSWORD)
    annaTablet.sync.start(anna)
    const registered = await annaTablet.people.create(makePersonInput({ firstName: 'Yvonne', lastName: 'Quaghebeur', postcode: '2370' }), anna, 'arendonk')
    if (!registered.ok)
      throw new Error('person invalid')
    const id = registered.value._id
    await vi.waitFor(async () => expect(await onResidents(id)).toMatchObject({ createdBy: 'anna' }), { timeout: 30_000 })

    const ben = await benTablet.auth.signIn('ben', PASSWORD)
    benTablet.sync.start(ben)
    await vi.waitFor(async () => expect(await benTablet.people.get(id)).not.toBeNull(), { timeout: 30_000 })
    const changed = await benTablet.people.update(id, makePersonInput({ firstName: 'Yvonne', lastName: 'Quaghebeur', postcode: '2381' }), ben)
    expect(changed.ok).toBe(true)

    // Nothing waits on Ben's tablet for Anna: his change is his, and the server has it.
    await vi.waitFor(async () => expect(await onResidents(id)).toMatchObject({ postcode: '2381', createdBy: 'ben' }), { timeout: 30_000 })
    await vi.waitFor(() => expect(benTablet.sync.status()).toMatchObject({ pending: 0, waiting: [], refused: [] }), { timeout: 30_000 })
    await vi.waitFor(async () => expect(await annaTablet.people.get(id)).toMatchObject({ postcode: '2381' }), { timeout: 30_000 })
  })
})
