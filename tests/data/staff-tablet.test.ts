import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeSessionInput } from '../factories/session-input'
import { closeDevices, device } from './helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// A tablet tells the real sync-server what it still holds unsynced, so the coordinator's overview
// shows what the server alone cannot know.
const PASSWORD = 'balie-wachtwoord-2370'
const WAIT = { timeout: 30_000, interval: 200 }
let server: ServerUnderTest

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'anna', PASSWORD, ['volunteer', 'm:arendonk'])
  await createStaff(server.url, 'ben', PASSWORD, ['volunteer', 'm:arendonk'])
})
afterAll(() => server.stop())
afterEach(closeDevices)

async function reports(): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${server.url}/_digibalie/tablets`, { headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` } })
  return (await res.json() as { reports: Array<Record<string, unknown>> }).reports
}

describe('tablet reports', () => {
  it('reports its name, location, the records it still holds and its last sync, and nothing else', async () => {
    const { data } = device({ serverUrl: server.url, fetch: cookieJarFetch() })
    // Ben makes a record here, then Anna signs in online: Ben's record waits for him on the tablet.
    const ben = await data.auth.signIn('ben', PASSWORD)
    const made = await data.sessions.create(makeSessionInput({ note: 'vraag over de energiefactuur' }), ben)
    expect(made.ok).toBe(true)
    const anna = await data.auth.signIn('anna', PASSWORD)
    data.sync.start(anna)
    const tablet = await data.device.enrolTablet('Bib Arendonk', 'loc-arendonk-bib')

    await vi.waitFor(async () => expect((await reports()).find(r => r.tabletId === tablet.id)).toMatchObject({
      account: 'anna', name: 'Bib Arendonk', location: 'loc-arendonk-bib', unsynced: 1, lastSyncedAt: expect.any(String),
    }), WAIT)
    const mine = (await reports()).find(r => r.tabletId === tablet.id)!
    expect(Object.keys(mine).sort()).toEqual(['account', 'lastSyncedAt', 'location', 'name', 'reportedAt', 'tabletId', 'unsynced'])
    expect(JSON.stringify(mine)).not.toContain('energiefactuur')

    // Ben signs in online: his record goes up and the tablet reports nothing left.
    await data.auth.signIn('ben', PASSWORD)
    await vi.waitFor(async () => expect((await reports()).find(r => r.tabletId === tablet.id)).toMatchObject({ account: 'ben', unsynced: 0 }), WAIT)
    // The tablet keeps its id, name and location on the device.
    expect(await data.device.tablet()).toEqual(tablet)
  })

  it('refuses to enrol with a name or location the server would refuse', async () => {
    const { data } = device({ serverUrl: server.url, fetch: cookieJarFetch() })
    await expect(data.device.enrolTablet('x'.repeat(61), 'loc-arendonk-bib')).rejects.toThrow(/name/)
    await expect(data.device.enrolTablet('Bib', 'Bibliotheek')).rejects.toThrow(/location/)
    expect(await data.device.tablet()).toMatchObject({ name: null, location: null })
  })
})
