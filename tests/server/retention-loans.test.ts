import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMonths, type Loan } from '../../src/domain'
import { makeDevice, makeDeviceEvent } from '../factories/device'
import { makeHomeVisit } from '../factories/home-visit'
import { makeLoan } from '../factories/loan'
import { makePerson } from '../factories/person'
import { request } from './support/http'
import { runCli } from './support/process'
import { ADMIN, startTestServer, type TestServer } from './support/server'

// Loans are kept two years after the device came back (the controller's decision, docs/privacy.md).
let t: TestServer
const L = 'dgb-lending'
const R = 'dgb-residents'
const DAY = 86_400_000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

/** A loan that started `startedDaysAgo`, for a new borrower, on a new device; returned `returnedDaysAgo` if given. */
function loanCase(startedDaysAgo: number, returnedDaysAgo?: number) {
  const now = daysAgo(startedDaysAgo)
  const start = now.slice(0, 10)
  const borrower = makePerson({ staff: 'lena', now, firstName: 'Bea', lastName: `Ontlener${startedDaysAgo}` })
  const device = makeDevice({ now })
  const refurbished = makeDeviceEvent(device.assetTag, 'refurbished', {}, { at: daysAgo(startedDaysAgo + 1) })
  const loan = makeLoan({ assetTag: device.assetTag, refurbishmentId: refurbished._id, personId: borrower._id, now, startDate: start, endDate: addMonths(start, 36), eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: start } })
  const visit = makeHomeVisit({ loanId: loan._id, personId: borrower._id, now: daysAgo(startedDaysAgo - 1), note: 'Mail ingesteld' })
  const returned = returnedDaysAgo === undefined ? [] : [makeDeviceEvent(device.assetTag, 'returned', { loanId: loan._id, condition: 'goed', missingAccessories: [] }, { at: daysAgo(returnedDaysAgo) })]
  return { borrower, loan, visit, lending: [device, refurbished, loan, visit, ...returned] }
}

const longBack = loanCase(1200, 800)
const recentlyBack = loanCase(900, 300)
const running = loanCase(1000)

beforeAll(async () => {
  t = await startTestServer()
  for (const c of [longBack, recentlyBack, running]) {
    expect((await request(t.url, 'PUT', `/${R}/${c.borrower._id}`, { auth: ADMIN, body: c.borrower })).status).toBe(201)
    for (const doc of c.lending) {
      const put = await request(t.url, 'PUT', `/${L}/${doc._id}`, { auth: ADMIN, body: doc })
      expect(put.status, JSON.stringify(put.body)).toBe(201)
    }
  }
})
afterAll(() => t.stop())

const get = (db: string, id: string) => request(t.url, 'GET', `/${db}/${id}`, { auth: ADMIN })

describe('retention of loans', () => {
  it('deletes a loan, its signature and its home visits two years after the device came back, and keeps the rest', async () => {
    const out = await runCli(['purge'], { DATA_DIR: t.dataDir })
    expect(out.code).toBe(0)
    expect(out.out).toContain('home-visit 1')
    expect(out.out).toContain('loan 1')
    expect(out.out).not.toMatch(/Ontlener|loan:|person:/)

    expect((await get(L, longBack.loan._id)).status).toBe(404)
    expect((await request(t.url, 'GET', `/${L}/${longBack.loan._id}/signature.png`, { auth: ADMIN })).status).toBe(404)
    expect((await get(L, longBack.visit._id)).status).toBe(404)
    // The device's history stays: it names the loan, not the borrower.
    expect((await get(L, longBack.lending[1]!._id)).status).toBe(200)

    const kept = (await get(L, recentlyBack.loan._id)).body as Loan
    expect(kept.agreement.text).toBe(recentlyBack.loan.agreement.text)
    expect((await request(t.url, 'GET', `/${L}/${recentlyBack.loan._id}/signature.png`, { auth: ADMIN })).status).toBe(200)
    expect((await get(L, running.loan._id)).status).toBe(200)
  })

  it('keeps the borrower of a running three-year loan, even with no other activity for more than two years', async () => {
    expect((await get(R, running.borrower._id)).status).toBe(200)
    // A borrower whose device came back more than two years ago, with nothing since, goes.
    expect((await get(R, longBack.borrower._id)).status).toBe(404)
    expect((await get(R, recentlyBack.borrower._id)).status).toBe(200)
  })
})
