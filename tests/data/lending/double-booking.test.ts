import { afterEach, describe, expect, it } from 'vitest'
import type { LoanView } from '../../../src/data'
import { DB, newId, profileFromCtx } from '../../../src/domain'
import { makeDeviceEvent, makeDeviceInput, makeRefurbishment } from '../../factories/device'
import { makeLoan } from '../../factories/loan'
import { closeDevices, device, localDb } from '../helpers/device'
import { handoverInput, lender } from './support'

afterEach(closeDevices)

const coordinator = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!
const { municipality: _m, ...intake } = makeDeviceInput({ assetTag: 'DB-0700' })

/** A device handed out here, and a second handover of it that another tablet made offline. */
async function doubleBooked() {
  const { data, prefix } = device()
  await data.lending.registerDevice(intake, lender())
  await data.lending.recordEvent('DB-0700', { type: 'refurbished', refurbishment: makeRefurbishment() }, lender())
  const here = await data.lending.handOver(handoverInput('DB-0700', newId('person'), { startDate: '2024-01-10', endDate: '2025-01-10', eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: '2024-01-10' } }), lender())
  const refurbishmentId = (await data.lending.device('DB-0700'))!.events.find(e => e.type === 'refurbished')!.id
  // As it arrives by sync from the other tablet: a loan and its handover event.
  const there = makeLoan({ assetTag: 'DB-0700', refurbishmentId, staff: 'lars', now: new Date().toISOString(), startDate: '2024-01-10', endDate: '2025-01-10', eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lars', checkedOn: '2024-01-10' } })
  const handover = makeDeviceEvent('DB-0700', 'handed-out', { loanId: there._id, refurbishmentId }, { staff: 'lars', at: new Date().toISOString() })
  const synced: Array<{ _id: string }> = [there, handover]
  await localDb(prefix, DB.lending).bulkDocs(synced)
  await data.readModel.rebuild()
  return { data, prefix, here: here.ok ? here.value._id : '', there: there._id }
}

describe('settling a double booking', () => {
  it('keeps the loan the coordinator picks and cancels the other with a new event, deleting nothing', async () => {
    const { data, prefix, here, there } = await doubleBooked()
    expect((await data.lending.device('DB-0700'))!.device.state).toMatchObject({ inConflict: true, activeLoans: [here, there] })

    const result = await data.lending.resolveDoubleBooking('DB-0700', there, coordinator)
    expect(result.ok && result.value.map(e => [e.type, 'loanId' in e && e.loanId, 'keptLoanId' in e && e.keptLoanId, e.createdBy])).toEqual([['loan-cancelled', here, there, 'carla']])

    const after = (await data.lending.device('DB-0700'))!
    expect(after.device.state).toMatchObject({ inConflict: false, status: 'on-loan', activeLoans: [there], cancelledLoans: [here] })
    // Both loans are still there; the cancelled one is neither open nor overdue.
    expect(after.loans.map(l => [l.id, l.cancelled, l.overdue]).sort()).toEqual([[here, true, false], [there, false, true]].sort())
    const stored = await localDb(prefix, DB.lending).allDocs({ startkey: 'loan:', endkey: 'loan:\uffff' })
    expect(stored.rows.map(r => r.id).sort()).toEqual([here, there].sort())

    const loans = await new Promise<LoanView[]>((resolve) => {
      const stop = data.lending.watchLoans((rows) => {
        stop()
        resolve(rows)
      })
    })
    expect(loans.filter(l => l.overdue).map(l => l.id)).toEqual([there])
    // The funder's figures count the loan that stands only.
    const facts = await data.review.facts(['arendonk'], { from: '2024-01-01', to: '2024-12-31' })
    expect(facts.loans.map(l => l.startDate)).toEqual(['2024-01-10'])
    // The coordinator's loan list calls the cancelled one cancelled, not running.
    const list = await data.review.list('loans', { municipalities: ['arendonk'] })
    expect(list.rows.map(r => [r.id, r.cells.status]).sort()).toEqual([[here, 'cancelled'], [there, 'overdue']].sort())
    expect((await data.review.list('loans', { municipalities: ['arendonk'], status: 'active' })).total).toBe(0)
  })

  it('refuses a lender, a loan that does not hold the device, and a device that is not double booked', async () => {
    const { data, here } = await doubleBooked()
    expect(await data.lending.resolveDoubleBooking('DB-0700', here, lender())).toEqual({ ok: false, issues: [{ path: 'keptLoanId', code: 'coordinatorOnly' }] })
    expect(await data.lending.resolveDoubleBooking('DB-0700', newId('loan'), coordinator)).toEqual({ ok: false, issues: [{ path: 'keptLoanId', code: 'unknown-loan' }] })
    expect((await data.lending.resolveDoubleBooking('DB-0700', here, coordinator)).ok).toBe(true)
    expect(await data.lending.resolveDoubleBooking('DB-0700', here, coordinator)).toEqual({ ok: false, issues: [{ path: 'keptLoanId', code: 'not-in-conflict' }] })
    expect((await data.lending.device('DB-0700'))!.events.filter(e => e.type === 'loan-cancelled')).toHaveLength(1)
  })
})
