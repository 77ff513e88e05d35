import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTabletReport } from '../factories/tablet-report'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, type TestServer, startWithVera } from './support/server'

let t: TestServer
let vera: Credentials
let coordinator: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  coordinator = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
})
afterAll(() => t.stop())

const reports = async () => {
  const res = await request(t.url, 'GET', '/_digibalie/tablets', { auth: coordinator })
  expect(res.status).toBe(200)
  return res.body.reports as Array<Record<string, unknown>>
}

describe('tablet reports', () => {
  it('keeps the last report of each tablet with the account it came from, for coordinators only', async () => {
    const first = makeTabletReport({ unsynced: 5 })
    const path = `/_digibalie/tablets/${first.tabletId}`
    expect((await request(t.url, 'PUT', path, { auth: vera, body: first })).status).toBe(200)
    const later = { ...first, unsynced: 3, lastSyncedAt: '2025-03-10T10:45:00.000Z' }
    expect((await request(t.url, 'PUT', path, { auth: vera, body: later })).status).toBe(200)

    const mine = (await reports()).filter(r => r.tabletId === first.tabletId)
    expect(mine).toEqual([{ ...later, account: 'vera', reportedAt: expect.any(String) }])
    expect((await request(t.url, 'GET', '/_digibalie/tablets', { auth: vera })).status).toBe(403)
  })

  it('refuses anonymous, malformed and mismatched reports, and stores nothing from them', async () => {
    const report = makeTabletReport()
    const path = `/_digibalie/tablets/${report.tabletId}`
    expect((await request(t.url, 'PUT', path, { body: report })).status).toBe(401)
    expect((await request(t.url, 'PUT', path, { auth: vera, body: { ...report, note: 'mevrouw Peeters' } })).status).toBe(400)
    expect((await request(t.url, 'PUT', path, { auth: vera, body: { ...report, unsynced: -2 } })).status).toBe(400)
    expect((await request(t.url, 'PUT', `/_digibalie/tablets/${makeTabletReport().tabletId}`, { auth: vera, body: report })).status).toBe(400)
    expect((await request(t.url, 'POST', path, { auth: vera, body: report })).status).toBe(405)
    expect((await reports()).some(r => r.tabletId === report.tabletId)).toBe(false)
  })
})
