import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { attendanceId, DB, newId } from '../../../src/domain'
import type { DataLayer, RollCall } from '../../../src/data'
import { makeCourseInput } from '../../factories/course'
import { newDevice } from '../helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from '../helpers/server'

// Two trainers' tablets mark the same participant while offline; after sync through the real
// sync-server both tablets and the server hold one mark, the later one, without a conflict.
const PASSWORD = 'lessenreeks-2370'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'tom', PASSWORD, ['trainer', 'm:arendonk'])
  await createStaff(server.url, 'ine', PASSWORD, ['trainer', 'm:arendonk'])
})
afterAll(async () => {
  await server.stop()
})
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

async function tablet(name: string) {
  const device = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
  open.push(device.data)
  const profile = await device.data.auth.signIn(name, PASSWORD)
  device.data.sync.start(profile)
  return { data: device.data, profile }
}

async function synced(data: DataLayer) {
  await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ state: 'synced', pending: 0, refused: [] }), { timeout: 30_000, interval: 200 })
}

async function serverDoc(id: string) {
  const res = await fetch(`${server.url}/${DB.municipality('arendonk')}/${encodeURIComponent(id)}?conflicts=true`, {
    headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
  })
  return await res.json() as { status: string, markedBy: string, _conflicts?: string[] }
}

describe('attendance conflicts through the sync-server', () => {
  it('ends with one mark, the latest, on both tablets and the server', async () => {
    const tom = await tablet('tom')
    const ine = await tablet('ine')
    const created = await tom.data.classes.createCourse(makeCourseInput({ trainers: ['tom', 'ine'] }), { firstDate: '2026-03-02', count: 2, start: '09:00', end: '11:00' }, tom.profile)
    if (!created.ok)
      throw new Error('course not created')
    const session = created.value.sessions[0]!
    const person = { id: newId('person'), name: 'An Peeters' }
    await tom.data.classes.enrol(created.value.course._id, person, tom.profile)
    await synced(tom.data)

    const seen = { tom: null as RollCall | null, ine: null as RollCall | null }
    const stopTom = tom.data.classes.watchRollCall(session._id, (c) => {
      seen.tom = c
    })
    const stopIne = ine.data.classes.watchRollCall(session._id, (c) => {
      seen.ine = c
    })
    await vi.waitFor(() => expect(seen.ine?.entries.map(e => e.name)).toEqual(['An Peeters']), { timeout: 30_000 })

    // Both tablets lose the network and mark the same person; Ine marks a little later.
    await tom.data.sync.stop()
    await ine.data.sync.stop()
    expect((await tom.data.classes.mark(session._id, person.id, { status: 'afwezig' }, tom.profile)).ok).toBe(true)
    await new Promise(r => setTimeout(r, 20))
    expect((await ine.data.classes.mark(session._id, person.id, { status: 'te-laat', note: 'bus' }, ine.profile)).ok).toBe(true)

    tom.data.sync.start(tom.profile)
    await synced(tom.data)
    ine.data.sync.start(ine.profile)
    await synced(ine.data)
    await synced(tom.data)

    const id = attendanceId(session._id, person.id)
    await vi.waitFor(async () => {
      const doc = await serverDoc(id)
      expect([doc.status, doc.markedBy, doc._conflicts ?? []]).toEqual(['te-laat', 'ine', []])
    }, { timeout: 30_000, interval: 250 })
    const expected = [{ name: 'An Peeters', status: 'te-laat', note: 'bus', pending: false }]
    await vi.waitFor(() => expect(seen.tom?.entries).toMatchObject(expected), { timeout: 30_000 })
    await vi.waitFor(() => expect(seen.ine?.entries).toMatchObject(expected), { timeout: 30_000 })
    await vi.waitFor(async () => expect((await tom.data.classes.hoursFor(person.id)).total).toBe(2), { timeout: 30_000 })
    stopTom()
    stopIne()
  })
})
