import { describe, expect, it } from 'vitest'
import { checkWrite, DB, extensionIssue, loanPhoneIssue, withLoanPhone, type UserCtx } from '../../src/domain'
import { makePerson } from '../factories/person'

const lender: UserCtx = { name: 'lena', roles: ['lender', 'm:arendonk'] }

describe('the phone number a loan needs', () => {
  it('is required and must look like a phone number', () => {
    expect(loanPhoneIssue('')).toEqual({ path: 'phone', code: 'required' })
    expect(loanPhoneIssue('   ')).toEqual({ path: 'phone', code: 'required' })
    expect(loanPhoneIssue('bel me')).toEqual({ path: 'phone', code: 'invalidPhone' })
    expect(loanPhoneIssue('0470 12 34 56')).toBeNull()
    expect(loanPhoneIssue('+32 470 12 34 56')).toBeNull()
  })

  it('adds only the phone to the registration: no target group, nothing else changed', () => {
    const person = makePerson({ targetGroups: [], devicesOwned: [] })
    const result = withLoanPhone(person, ' 0470 12 34 56 ', '2026-02-01T10:00:00.000Z', 'lena')
    expect(result.ok && result.changed).toBe(true)
    if (!result.ok)
      return
    // The revision names its writer, so the lender's tablet pushes it.
    expect(result.value).toEqual({ ...person, phone: '0470 12 34 56', updatedAt: '2026-02-01T10:00:00.000Z', createdBy: 'lena' })
    expect(result.value.targetGroups).toEqual([])
    // A lender may write that revision of a registration made at a desk (the registry is shared).
    expect(checkWrite(DB.residents, result.value, person, lender)).toBeNull()
  })

  it('writes nothing when the number is already the stored one, and refuses a bad one', () => {
    const person = { ...makePerson(), phone: '0470 12 34 56' }
    expect(withLoanPhone(person, '0470 12 34 56', '2026-02-01T10:00:00.000Z', 'lena')).toEqual({ ok: true, value: person, changed: false })
    expect(withLoanPhone(person, 'x', '2026-02-01T10:00:00.000Z', 'lena')).toEqual({ ok: false, issues: [{ path: 'phone', code: 'invalidPhone' }] })
  })
})

describe('a loan extension', () => {
  it('must move the end date later', () => {
    expect(extensionIssue('2027-01-10', '2027-04-10')).toBeNull()
    expect(extensionIssue('2027-01-10', '2027-01-10')).toEqual({ path: 'newEndDate', code: 'notAfterEnd' })
    expect(extensionIssue('2027-01-10', '2026-12-01')).toEqual({ path: 'newEndDate', code: 'notAfterEnd' })
    expect(extensionIssue('2027-01-10', '')).toEqual({ path: 'newEndDate', code: 'required' })
  })
})
