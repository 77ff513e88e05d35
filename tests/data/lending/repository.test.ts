import { afterEach, describe, expect, it } from 'vitest'
import { DB, newId } from '../../../src/domain'
import type { DataLayer, DeviceView } from '../../../src/data'
import { makeDeviceInput, makeRefurbishment } from '../../factories/device'
import { localDb, newDevice } from '../helpers/device'
import { handoverInput, lender } from './support'

const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

function tablet() {
  const device = newDevice()
  open.push(device.data)
  return device
}

const { municipality: _m, ...intake } = makeDeviceInput({ assetTag: 'DB-0500' })
const staff = lender()
const borrower = newId('person')

describe('lending repository (PouchDB + read model)', () => {
  it('intake → refurbish → handover → return → refurbish again, with the status folded in the read model', async () => {
    const { data } = tablet()
    expect((await data.lending.registerDevice(intake, staff)).ok).toBe(true)
    expect((await data.lending.device('DB-0500'))?.device.state.status).toBe('to-refurbish')

    expect((await data.lending.recordEvent('DB-0500', { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)).ok).toBe(true)
    const loan = await data.lending.handOver(handoverInput('DB-0500', borrower), staff)
    expect(loan.ok).toBe(true)
    const loanId = loan.ok ? loan.value._id : ''
    const out = await data.lending.device('DB-0500')
    expect(out?.device.state).toMatchObject({ status: 'on-loan', activeLoans: [loanId], inConflict: false })
    expect(out?.loans.map(l => [l.id, l.signed, l.returned])).toEqual([[loanId, true, false]])

    // The signature is an attachment of the loan document in PouchDB: the PNG comes back byte for byte.
    const png = new Uint8Array(await (await data.lending.signature(loanId))!.arrayBuffer())
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4E, 0x47])
    expect(await data.lending.signature(newId('loan'))).toBeNull()

    expect((await data.lending.recordEvent('DB-0500', { type: 'returned', loanId, condition: 'gebruikssporen', missingAccessories: ['lader'] }, staff)).ok).toBe(true)
    const back = await data.lending.device('DB-0500')
    expect(back?.device.state.status).toBe('to-refurbish')
    expect(back?.loans[0]?.returned).toBe(true)
    expect(back?.events.map(e => e.type)).toEqual(['intake', 'refurbished', 'handed-out', 'returned'])

    // A returned device goes out again only after a new refurbishment.
    expect(await data.lending.handOver(handoverInput('DB-0500', borrower), staff)).toEqual({ ok: false, issues: [{ path: 'assetTag', code: 'no-refurbishment' }] })
    expect((await data.lending.recordEvent('DB-0500', { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)).ok).toBe(true)
    expect((await data.lending.device('DB-0500'))?.device.state.status).toBe('ready')
  })

  it('refuses a handover of a device with no refurbishment record, and writes nothing', async () => {
    const { data, prefix } = tablet()
    await data.lending.registerDevice(intake, staff)
    const result = await data.lending.handOver(handoverInput('DB-0500', borrower), staff)
    expect(result).toEqual({ ok: false, issues: [{ path: 'assetTag', code: 'no-refurbishment' }] })
    const docs = await localDb(prefix, DB.lending).allDocs({ startkey: 'loan:', endkey: 'loan:\uffff' })
    expect(docs.rows).toEqual([])
  })

  it('refuses an asset tag that is already registered, and an event the status does not allow', async () => {
    const { data } = tablet()
    await data.lending.registerDevice(intake, staff)
    expect(await data.lending.registerDevice(intake, staff)).toEqual({ ok: false, issues: [{ path: 'assetTag', code: 'assetTagTaken' }] })
    expect(await data.lending.recordEvent('DB-0500', { type: 'repaired', repair: { what: 'x', by: 'y', costCents: 0, date: '2026-01-01' } }, staff)).toEqual({ ok: false, issues: [{ path: 'type', code: 'notAllowedNow' }] })
  })

  it('extends a loan, lists it as overdue once past its end date, and keeps home visits with it', async () => {
    const { data } = tablet()
    await data.lending.registerDevice(intake, staff)
    await data.lending.recordEvent('DB-0500', { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
    const loan = await data.lending.handOver(handoverInput('DB-0500', borrower, { startDate: '2024-01-10', endDate: '2025-01-10', eligibility: { basis: 'andere', reason: 'Schuldbemiddeling', checkedBy: 'lena', checkedOn: '2024-01-10' } }), staff)
    const loanId = loan.ok ? loan.value._id : ''
    const loans = await new Promise<import('../../../src/data').LoanView[]>((resolve) => {
      const stop = data.lending.watchLoans((rows) => {
        stop()
        resolve(rows)
      })
    })
    expect(loans.map(l => [l.id, l.overdue])).toEqual([[loanId, true]])

    expect((await data.lending.extend(loanId, '2099-01-10', 'Opleiding loopt nog', staff)).ok).toBe(true)
    const after = (await data.lending.device('DB-0500'))!.loans[0]!
    expect(after).toMatchObject({ currentEndDate: '2099-01-10', overdue: false })

    expect((await data.lending.addVisit({ loanId, personId: borrower, date: '2024-02-01', staff: 'lena', topic: 'internet', durationMinutes: 60, outcome: 'opgelost' }, staff)).ok).toBe(true)
    const visits = await new Promise<unknown[]>((resolve) => {
      const stop = data.lending.watchVisits(loanId, (rows) => {
        stop()
        resolve(rows)
      })
    })
    expect(visits).toEqual([expect.objectContaining({ topic: 'internet', durationMinutes: 60 })])
  })

  it('lists every device with its status, and rebuilds the same from PouchDB', async () => {
    const { data } = tablet()
    await data.lending.registerDevice(intake, staff)
    const { municipality: _x, ...second } = makeDeviceInput({ assetTag: 'DB-0501' })
    await data.lending.registerDevice(second, staff)
    await data.lending.recordEvent('DB-0501', { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
    const read = () => new Promise<DeviceView[]>((resolve) => {
      const stop = data.lending.watchDevices((rows) => {
        stop()
        resolve(rows)
      })
    })
    const before = (await read()).map(d => [d.assetTag, d.state.status])
    expect(before).toEqual([['DB-0500', 'to-refurbish'], ['DB-0501', 'ready']])
    await data.readModel.rebuild()
    expect((await read()).map(d => [d.assetTag, d.state.status])).toEqual(before)
  })
})
