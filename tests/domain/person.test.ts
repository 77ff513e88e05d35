import { describe, expect, it } from 'vitest'
import { ageGroupFor, newId, validatePerson } from '../../src/domain'
import { editDistance, isLikelySamePerson, likelyDuplicates, matchesSearch, normaliseName, searchTerms } from '../../src/domain/person-matching'

function person(over: Record<string, unknown> = {}) {
  return {
    _id: newId('person'),
    kind: 'person',
    schemaVersion: 1,
    createdAt: '2026-11-29T09:00:00.000Z',
    createdBy: 'an',
    updatedAt: '2026-11-29T09:00:00.000Z',
    municipality: 'hoogstraten',
    firstName: 'Maria',
    lastName: 'Peeters',
    postcode: '2320',
    targetGroups: ['senior'],
    devicesOwned: ['smartphone'],
    consent: { given: true, date: '2026-11-29' },
    ...over,
  }
}

describe('person schema', () => {
  it('accepts the fields the walk-in service needs and trims names', () => {
    const result = validatePerson(person({ firstName: '  Maria ' }))
    expect(result.ok && result.value.firstName).toBe('Maria')
  })

  it.each([
    [{ postcode: '23200' }, 'postcode', 'invalidPostcode'],
    [{ firstName: '' }, 'firstName', 'required'],
    [{ lastName: 'x'.repeat(61) }, 'lastName', 'tooLong'],
    [{ birthYear: 1850 }, 'birthYear', 'tooSmall'],
    [{ gender: 'unknown' }, 'gender', 'notAllowed'],
    [{ targetGroups: ['rich'] }, 'targetGroups.0', 'notAllowed'],
    [{ consent: { given: false, date: '2026-11-29' } }, 'consent.given', 'consentRequired'],
    [{ consent: { given: true, date: '2026-02-30' } }, 'consent.date', 'invalidDate'],
    [{ email: 'not-an-email' }, 'email', 'invalidEmail'],
  ] as const)('rejects %o', (over, path, code) => {
    const result = validatePerson(person(over))
    expect(result.ok ? [] : result.issues).toContainEqual(expect.objectContaining({ path, code }))
  })

  it('derives the age group from a birth year', () => {
    const on = new Date('2026-06-01T00:00:00Z')
    expect(ageGroupFor(2010, on)).toBe('tot-18')
    expect(ageGroupFor(1996, on)).toBe('30-44')
    expect(ageGroupFor(1950, on)).toBe('65-79')
    expect(ageGroupFor(1940, on)).toBe('80-plus')
  })
})

describe('person matching', () => {
  const maria = { id: 'person:1', firstName: 'Maria', lastName: 'Peeters', postcode: '2320', birthYear: 1948 }

  it('normalises accents, case and spacing', () => {
    expect(normaliseName('  Zoë   Van den BROECK ')).toBe('zoe van den broeck')
  })

  it('counts edit distance and stops past the bound', () => {
    expect(editDistance('peeters', 'peters')).toBe(1)
    expect(editDistance('peeters', 'janssens', 2)).toBe(3)
  })

  it('flags the same name with one typo and the same birth year', () => {
    expect(isLikelySamePerson(maria, { ...maria, lastName: 'Peters' })).toBe(true)
    expect(isLikelySamePerson(maria, { ...maria, firstName: 'MARIA', lastName: 'peeters' })).toBe(true)
  })

  it('does not flag when the birth years differ or two typos', () => {
    expect(isLikelySamePerson(maria, { ...maria, birthYear: 1975 })).toBe(false)
    expect(isLikelySamePerson(maria, { ...maria, firstName: 'Marie', lastName: 'Peters' })).toBe(false)
  })

  it('uses the postcode when a birth year is missing', () => {
    const { birthYear: _b, ...noYear } = maria
    expect(isLikelySamePerson(noYear, { ...maria, postcode: '2320' })).toBe(true)
    expect(isLikelySamePerson(noYear, { ...maria, postcode: '2300' })).toBe(false)
  })

  it('lists likely duplicates among many people', () => {
    const people = [maria, { ...maria, id: 'person:2', firstName: 'Jan' }, { ...maria, id: 'person:3', lastName: 'Peetersen' }]
    expect(likelyDuplicates({ firstName: 'maria', lastName: 'Peeters', postcode: '2320', birthYear: 1948 }, people).map(p => p.id)).toEqual(['person:1'])
  })

  it('matches search-as-you-type on name prefixes, birth year and postcode', () => {
    expect(matchesSearch(maria, searchTerms('mar pee'))).toBe(true)
    expect(matchesSearch(maria, searchTerms('peeters 1948'))).toBe(true)
    expect(matchesSearch(maria, searchTerms('2320 ma'))).toBe(true)
    expect(matchesSearch(maria, searchTerms('mar 1950'))).toBe(false)
  })
})
