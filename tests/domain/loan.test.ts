import { describe, expect, it } from 'vitest'
import { addMonths, agreementContent, buildLoan, isOverdue, loanEndDate, newId, validateLoan } from '../../src/domain'
import { makeDevice, makeDeviceEvent } from '../factories/device'
import { makeLoan, makeLoanInput } from '../factories/loan'

const device = makeDevice({ assetTag: 'DB-7001' })
const refurbishmentId = makeDeviceEvent('DB-7001', 'refurbished')._id
const base = { assetTag: 'DB-7001', refurbishmentId }

function codes(input: Parameters<typeof makeLoanInput>[0]): string[] {
  const r = buildLoan(makeLoanInput(input), { id: newId('loan'), staff: 'lena', now: '2026-01-10T10:00:00.000Z' })
  return r.ok ? [] : r.issues.map(i => `${i.path} ${i.code}`)
}

describe('eligibility', () => {
  it('accepts each basis with what it needs', () => {
    expect(codes({ ...base, eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: '2026-01-09' } })).toEqual([])
    expect(codes({ ...base, eligibility: { basis: 'ocmw-doorverwijzing', referrer: 'OCMW Arendonk', checkedBy: 'lena', checkedOn: '2026-01-09' } })).toEqual([])
    expect(codes({ ...base, eligibility: { basis: 'inkomen-onder-grens', checkedBy: 'lena', checkedOn: '2026-01-10' } })).toEqual([])
    expect(codes({ ...base, eligibility: { basis: 'andere', reason: 'Schuldbemiddeling', checkedBy: 'lena', checkedOn: '2026-01-10' } })).toEqual([])
  })

  it('needs a reason for "other" and a referrer for an OCMW referral', () => {
    expect(codes({ ...base, eligibility: { basis: 'andere', reason: '  ', checkedBy: 'lena', checkedOn: '2026-01-10' } })).toEqual(['eligibility.reason reasonRequired'])
    expect(codes({ ...base, eligibility: { basis: 'ocmw-doorverwijzing', checkedBy: 'lena', checkedOn: '2026-01-10' } })).toEqual(['eligibility.referrer referrerRequired'])
  })

  it('is checked on or before the start of the loan, by someone', () => {
    expect(codes({ ...base, eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: '2026-01-11' } })).toEqual(['eligibility.checkedOn checkedAfterStart'])
    expect(codes({ ...base, eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: '', checkedOn: '2026-01-10' } })).toEqual(['eligibility.checkedBy required'])
  })

  it('stores no documents: an extra eligibility field or a second attachment is refused', () => {
    const loan = makeLoan(base)
    const withScan = { ...loan, eligibility: { ...loan.eligibility, scan: 'data:image/jpeg;base64,...' } }
    expect(validateLoan(withScan).ok).toBe(false)
    const withAttachment = { ...loan, _attachments: { ...loan._attachments, 'attest.pdf': { content_type: 'application/pdf', data: 'JVBERi0=' } } }
    expect(validateLoan(withAttachment)).toMatchObject({ ok: false, issues: [{ path: '_attachments', code: 'signatureRequired' }] })
  })
})

describe('loan', () => {
  it('carries the signature as a PNG attachment, and is refused without one', () => {
    const loan = makeLoan(base)
    expect(loan._attachments['signature.png']).toMatchObject({ content_type: 'image/png' })
    expect(codes({ ...base, signaturePng: '' })).toEqual(['_attachments signatureRequired'])
    const { _attachments: _, ...unsigned } = loan
    expect(validateLoan(unsigned).ok).toBe(false)
    // A stub, as PouchDB sends it once the attachment is stored, still counts as signed.
    expect(validateLoan({ ...loan, _attachments: { 'signature.png': { content_type: 'image/png', stub: true, digest: 'md5-x', length: 70 } } }).ok).toBe(true)
  })

  it('ends after it starts and runs at most 36 months', () => {
    expect(codes({ ...base, endDate: '2026-01-10' })).toEqual(['endDate endBeforeStart'])
    expect(codes({ ...base, endDate: '2029-01-11' })).toEqual(['endDate tooLong'])
  })

  it('needs the refurbishment of this very device', () => {
    const other = makeDeviceEvent('DB-7002', 'refurbished')._id
    expect(codes({ ...base, refurbishmentId: other })).toEqual(['refurbishmentId refurbishmentOfOtherDevice'])
  })

  it('computes the default end date in calendar months', () => {
    expect(addMonths('2026-01-10', 12)).toBe('2027-01-10')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28')
  })

  it('extends to the latest extension date, never shortens, and is overdue from the day after', () => {
    expect(loanEndDate({ endDate: '2027-01-10' }, [{ newEndDate: '2027-06-30' }, { newEndDate: '2027-03-01' }])).toBe('2027-06-30')
    expect(loanEndDate({ endDate: '2027-01-10' }, [{ newEndDate: '2026-12-01' }])).toBe('2027-01-10')
    expect(isOverdue('2027-01-10', false, '2027-01-10')).toBe(false)
    expect(isOverdue('2027-01-10', false, '2027-01-11')).toBe(true)
    expect(isOverdue('2027-01-10', true, '2027-02-11')).toBe(false)
  })
})

describe('agreement content', () => {
  it('names both parties, the device, the accessories, the period, the text and the signature', () => {
    const loan = makeLoan({ ...base, accessories: ['lader', 'tas'] })
    const content = agreementContent(loan, device, { borrower: { firstName: 'Maria', lastName: 'Peeters' }, lenderName: 'lena' }, '2027-06-30')
    expect(content).toMatchObject({
      borrowerName: 'Maria Peeters',
      lenderName: 'lena',
      device: { assetTag: 'DB-7001', description: 'Lenovo ThinkPad T480', serial: device.serial },
      accessories: ['lader', 'tas'],
      startDate: '2026-01-10',
      endDate: '2027-06-30',
      agreementText: loan.agreement.text,
      signed: true,
      loanId: loan._id,
    })
  })

  it('refuses to print a device that is not the one on the loan', () => {
    const loan = makeLoan(base)
    expect(() => agreementContent(loan, makeDevice(), { borrower: { firstName: 'A', lastName: 'B' }, lenderName: 'lena' })).toThrow(/not the one/)
  })
})
