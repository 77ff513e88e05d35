import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { newDevice } from './helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// The desk's configuration on the real sync-server: what a coordinator saves reaches a volunteer.
const PASSWORD = 'balie-wachtwoord-2310'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'carla', PASSWORD, ['coordinator'])
  await createStaff(server.url, 'lies', PASSWORD, ['volunteer', 'm:rijkevorsel'])
})
afterAll(() => server.stop())
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

function tablet(): DataLayer {
  const { data } = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
  open.push(data)
  return data
}

describe('desk configuration through the sync-server', () => {
  it('two quick saves by a coordinator both leave the outbox and reach a volunteer\'s tablet', async () => {
    const office = tablet()
    const carla = await office.auth.signIn('carla', PASSWORD)
    office.sync.start(carla)
    const room = await office.deskConfig.saveLocation({ id: 'loc-rijkevorsel-sint-jozef', municipality: 'rijkevorsel', name: 'Digipunt Sint-Jozef', active: true }, carla)
    const question = await office.deskConfig.saveCategory({ id: 'kinderbijslag', name: { nl: 'Kinderbijslag' }, order: 13, active: true }, carla)
    expect(room.ok && question.ok).toBe(true)
    await vi.waitFor(() => expect(office.sync.status()).toMatchObject({ pending: 0, refused: [] }), { timeout: 30_000 })

    const desk = tablet()
    const lies = await desk.auth.signIn('lies', PASSWORD)
    desk.sync.start(lies)
    await vi.waitFor(async () => {
      const config = await desk.deskConfig.current()
      expect(config.locations.find(l => l.id === 'loc-rijkevorsel-sint-jozef')?.name).toBe('Digipunt Sint-Jozef')
      expect(config.categories.find(c => c.id === 'kinderbijslag')?.active).toBe(true)
    }, { timeout: 30_000 })
  }, 90_000)
})
