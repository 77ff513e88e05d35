import { describe, expect, it } from 'vitest'
import { buildHomeVisit, checkWrite, DB, newId, type UserCtx } from '../../src/domain'
import { makeDevice, makeDeviceEvent } from '../factories/device'
import { makeLoan } from '../factories/loan'

const lender: UserCtx = { name: 'lena', roles: ['lender', 'm:arendonk'] }
const otherLender: UserCtx = { name: 'lars', roles: ['lender', 'm:arendonk'] }
const ravelsLender: UserCtx = { name: 'rita', roles: ['lender', 'm:ravels'] }
const volunteer: UserCtx = { name: 'lena', roles: ['volunteer', 'm:arendonk'] }
const coordinator: UserCtx = { name: 'carla', roles: ['coordinator'] }

describe('write rules of the lending database', () => {
  const device = makeDevice({ assetTag: 'DB-8001' })
  const refurbished = makeDeviceEvent('DB-8001', 'refurbished')
  const loan = makeLoan({ assetTag: 'DB-8001', refurbishmentId: refurbished._id })
  const handover = makeDeviceEvent('DB-8001', 'handed-out', { loanId: loan._id, refurbishmentId: refurbished._id })

  it('lets a lender of the municipality write every lending record kind', () => {
    for (const doc of [device, refurbished, loan, handover])
      expect(checkWrite(DB.lending, doc, null, lender), doc._id).toBeNull()
    const visit = buildHomeVisit({ loanId: loan._id, personId: loan.personId, date: '2026-02-01', staff: 'lena', topic: 'internet', durationMinutes: 45, outcome: 'opgelost', municipality: 'arendonk' }, { id: newId('visit'), staff: 'lena', now: '2026-02-01T10:00:00.000Z' })
    expect(visit.ok && checkWrite(DB.lending, visit.value, null, lender)).toBeNull()
  })

  it('refuses volunteers, other municipalities and lending records in another database', () => {
    expect(checkWrite(DB.lending, loan, null, volunteer)).toBe('your role may not write this record kind')
    expect(checkWrite(DB.lending, loan, null, ravelsLender)).toBe('record belongs to another municipality')
    expect(checkWrite(DB.residents, loan, null, lender)).toBe('record kind not allowed in this database')
    expect(checkWrite(DB.municipality('arendonk'), handover, null, lender)).toBe('record kind not allowed in this database')
  })

  it('refuses, on the server too, a handover that names no refurbishment record', () => {
    const { refurbishmentId: _, ...bare } = handover as typeof handover & { refurbishmentId: string }
    expect(checkWrite(DB.lending, bare, null, lender)).toMatch(/^invalid device-event: refurbishmentId/)
    const { refurbishmentId: __, ...bareLoan } = loan
    expect(checkWrite(DB.lending, bareLoan, null, lender)).toMatch(/^invalid loan: refurbishmentId/)
  })

  it('keeps events and loans as written: another lender may not change them, a coordinator may', () => {
    const changed = { ...loan, _rev: '1-a', endDate: '2027-12-31' }
    expect(checkWrite(DB.lending, changed, loan, otherLender)).toBe('only the author or a coordinator may change this record')
    expect(checkWrite(DB.lending, changed, loan, coordinator)).toBeNull()
  })

  it('lets only a coordinator cancel a loan of a double booking, and never the loan it keeps', () => {
    const other = makeLoan({ assetTag: 'DB-8001', refurbishmentId: refurbished._id })
    const cancellation = makeDeviceEvent('DB-8001', 'loan-cancelled', { loanId: other._id, keptLoanId: loan._id }, { staff: 'carla' })
    expect(checkWrite(DB.lending, cancellation, null, coordinator)).toBeNull()
    expect(checkWrite(DB.lending, { ...cancellation, createdBy: 'lena' }, null, lender)).toBe('only coordinators may write this record')
    expect(checkWrite(DB.lending, { ...cancellation, keptLoanId: other._id }, null, coordinator)).toMatch(/^invalid device-event: keptLoanId/)
    expect(() => makeDeviceEvent('DB-8001', 'loan-cancelled', { loanId: other._id })).toThrow(/keptLoanId/)
  })

  it('lets any lender correct the shared inventory', () => {
    expect(checkWrite(DB.lending, { ...device, notes: 'Toets E hapert' }, device, otherLender)).toBeNull()
  })
})
