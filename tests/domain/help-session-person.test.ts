import { describe, expect, it } from 'vitest'
import { buildPerson, checkWrite, newId, revisePerson } from '../../src/domain'
import { makePerson, makePersonInput } from '../factories/person'

// The desk registers residents for help sessions: building and revising a person record.
const stamp = { id: newId('person'), staff: 'vera', now: '2026-11-29T09:30:00.000Z' }

describe('a resident registered at the desk', () => {
  it('holds only the fields asked, with consent dated today, in the desk\'s municipality', () => {
    const result = buildPerson(makePersonInput({ gender: '', language: 'nl' }), 'arendonk', stamp)
    expect(result.ok && result.value).toEqual({
      _id: stamp.id, kind: 'person', schemaVersion: 1, createdAt: stamp.now, createdBy: 'vera', updatedAt: stamp.now,
      municipality: 'arendonk', firstName: 'Maria', lastName: 'Peeters', postcode: '2370', birthYear: 1951, language: 'nl',
      targetGroups: ['senior'], devicesOwned: ['smartphone'], consent: { given: true, date: '2026-11-29' },
    })
  })

  it('is refused without consent or with a bad postcode', () => {
    const result = buildPerson(makePersonInput({ consent: false, postcode: '23' }), 'arendonk', stamp)
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(expect.arrayContaining(['postcode', 'consent.given']))
  })

  it('may be written by a volunteer of that municipality only', () => {
    const doc = makePerson({ staff: 'vera' })
    expect(checkWrite('dgb-residents', doc, null, { name: 'vera', roles: ['volunteer', 'm:arendonk'] })).toBeNull()
    expect(checkWrite('dgb-residents', doc, null, { name: 'vera', roles: ['volunteer', 'm:ravels'] })).toBe('record belongs to another municipality')
  })

  it('is revised by any desk, keeping what other services added and the original consent', () => {
    const original = { ...makePerson({ staff: 'vera' }), _rev: '1-a', phone: '0470 12 34 56', gender: 'v' as const }
    const result = revisePerson(original, makePersonInput({ lastName: 'Peeters-Maes', gender: undefined, birthYear: 1952 }), '2026-12-01T10:00:00.000Z', 'wim')
    // The revision names its writer (wim), so wim's tablet pushes it; registration time and consent stay.
    expect(result.ok && result.value).toMatchObject({ _rev: '1-a', phone: '0470 12 34 56', lastName: 'Peeters-Maes', birthYear: 1952, createdBy: 'wim', createdAt: original.createdAt, consent: original.consent })
    expect(result.ok && 'gender' in result.value).toBe(false)
    expect(result.ok && checkWrite('dgb-residents', result.value, original, { name: 'wim', roles: ['volunteer', 'm:arendonk'] })).toBeNull()
    // Nobody writes a revision in a third person's name.
    expect(result.ok && checkWrite('dgb-residents', result.value, original, { name: 'an', roles: ['volunteer', 'm:arendonk'] })).toBe('createdBy must be the signed-in account')
  })

  it('takes contact details from the desk\'s edit: a typed one replaces, an empty one clears, an absent one stays', () => {
    const original = { ...makePerson(), phone: '0470 12 34 56', address: 'Markt 1, Arendonk' }
    const result = revisePerson(original, makePersonInput({ email: ' maria@example.be ', phone: '', address: undefined }), '2026-12-01T10:00:00.000Z', 'vera')
    expect(result.ok && result.value).toMatchObject({ email: 'maria@example.be', address: 'Markt 1, Arendonk' })
    expect(result.ok && 'phone' in result.value).toBe(false)
    const wrong = revisePerson(original, makePersonInput({ email: 'maria at example', phone: '12' }), '2026-12-01T10:00:00.000Z', 'vera')
    expect(wrong.ok || wrong.issues.map(i => `${i.path} ${i.code}`).sort()).toEqual(['email invalidEmail', 'phone invalidPhone'])
  })
})
