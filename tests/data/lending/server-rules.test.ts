import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../../src/data'
import { DB, newId } from '../../../src/domain'
import { makeDeviceEvent } from '../../factories/device'
import { localDb, newDevice } from '../helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from '../helpers/server'

// A lending tablet against the real sync-server: what the server refuses. (Two tablets handing
// out one device offline is proven in real Chromium, tests/e2e/lending.spec.ts: in Node,
// pouchdb-adapter-indexeddb on fake-indexeddb hands the signature attachment to push replication
// as a Uint8Array that is not sent as base64, so the server rightly refuses it as a bad request.)
const PASSWORD = 'uitleen-2370'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'lena', PASSWORD, ['lender', 'm:arendonk'])
})
afterAll(async () => server.stop())
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

async function tablet(name: string) {
  const device = newDevice({ serverUrl: server.url, fetch: cookieJarFetch() })
  open.push(device.data)
  const profile = await device.data.auth.signIn(name, PASSWORD)
  return { ...device, profile }
}

describe('lending through the sync-server', () => {
  it('the server refuses a handover event that names no refurbishment, and the tablet keeps it flagged', async () => {
    const a = await tablet('lena')
    const valid = makeDeviceEvent('DB-0601', 'handed-out', { loanId: newId('loan'), refurbishmentId: makeDeviceEvent('DB-0601', 'refurbished')._id }, { staff: 'lena' })
    const { refurbishmentId: _r, ...bare } = valid as typeof valid & { refurbishmentId: string }
    // Written into PouchDB behind the repository's back, as an old app version might have.
    await localDb(a.prefix, DB.lending).put(bare)
    a.data.sync.start(a.profile)
    await vi.waitFor(() => {
      const refused = a.data.sync.status().refused
      expect(refused).toEqual([{ id: bare._id, reason: expect.stringContaining('refurbishmentId') }])
    }, { timeout: 30_000, interval: 200 })
  })
})
