import { describe, expect, it } from 'vitest'
import { classContactIssues, hasClassContact, revisePerson, withClassContact } from '../../src/domain'
import { makePerson } from '../factories/person'

describe('contact details a class needs', () => {
  it('asks for a phone number or an e-mail address, one of the two is enough', () => {
    expect(classContactIssues({ phone: ' ', email: '' })).toEqual([{ path: 'phone', code: 'contactRequired' }])
    expect(classContactIssues({ phone: '014 12 34 56', email: '' })).toEqual([])
    expect(classContactIssues({ phone: '', email: 'an@example.be' })).toEqual([])
  })

  it('refuses a malformed phone number or e-mail address with the registration\'s own codes', () => {
    expect(classContactIssues({ phone: '12', email: 'an@' })).toEqual([{ path: 'phone', code: 'invalidPhone' }, { path: 'email', code: 'invalidEmail' }])
  })

  it('knows whether a registration already has a way to reach the resident', () => {
    expect(hasClassContact(makePerson())).toBe(false)
    expect(hasClassContact(makePerson({ email: 'an@example.be' }))).toBe(true)
  })

  it('adds only the contact typed to the registration and keeps the rest', () => {
    const person = makePerson({ address: 'Markt 1', gender: 'v', language: 'nl' })
    const revised = revisePerson(person, withClassContact(person, { phone: ' 0470 12 34 56 ', email: '' }), '2026-03-02T10:00:00.000Z', 'tom')
    expect(revised.ok && revised.value).toMatchObject({ phone: '0470 12 34 56', address: 'Markt 1', gender: 'v', language: 'nl', firstName: person.firstName, birthYear: person.birthYear, consent: person.consent })
    expect(revised.ok && 'email' in revised.value).toBe(false)
  })
})
