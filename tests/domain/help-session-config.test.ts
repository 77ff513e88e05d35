import { describe, expect, it } from 'vitest'
import {
  categoryIdFor, checkWrite, DEFAULT_LOCATIONS, isLastActiveCategory, isLastActiveLocation, locationIdFor, locationMunicipality, mergeCategories, mergeLocations, QUESTION_CATEGORIES,
  validateCategoryConfig, validateLocationConfig, type CategoryConfig, type LocationConfig,
} from '../../src/domain'

const base = { schemaVersion: 1, createdAt: '2026-11-29T09:00:00.000Z', createdBy: 'carla', updatedAt: '2026-11-29T09:00:00.000Z', active: true }
const location = (over: Partial<LocationConfig> = {}) => ({ ...base, _id: 'location:loc-ravels-poppel', kind: 'location', municipality: 'ravels', name: 'Digipunt Poppel', ...over })
const category = (over: Partial<CategoryConfig> = {}) => ({ ...base, _id: 'category:kinderbijslag', kind: 'question-category', name: { nl: 'Kinderbijslag' }, order: 20, ...over })

describe('location ids', () => {
  it('name their municipality, including one with a dash in its slug', () => {
    expect(locationMunicipality('loc-arendonk-bib')).toBe('arendonk')
    expect(locationMunicipality('loc-baarle-hertog-gh')).toBe('baarle-hertog')
    expect(DEFAULT_LOCATIONS.every(l => locationMunicipality(l.id) === l.municipality)).toBe(true)
  })

  it.each(['loc-arendonk', 'loc-turnhout-bib', 'arendonk-bib', 'loc-Arendonk-bib', 'loc-arendonk-'])('reject %s', (id) => {
    expect(locationMunicipality(id)).toBeNull()
  })
})

describe('desk configuration documents', () => {
  it('accept a location and a category a coordinator makes', () => {
    expect(validateLocationConfig(location()).ok).toBe(true)
    expect(validateCategoryConfig(category()).ok).toBe(true)
  })

  it('refuse a location whose id names another municipality, or without a name', () => {
    const wrong = validateLocationConfig(location({ municipality: 'arendonk' }))
    expect(wrong.ok ? [] : wrong.issues).toContainEqual(expect.objectContaining({ path: '_id', code: 'locationOutsideMunicipality' }))
    const unnamed = validateLocationConfig(location({ name: '  ' }))
    expect(unnamed.ok ? [] : unnamed.issues).toContainEqual(expect.objectContaining({ path: 'name', code: 'required' }))
  })

  it('refuse a category without a Dutch name or with a bad id', () => {
    expect(validateCategoryConfig(category({ name: { nl: '' } })).ok).toBe(false)
    expect(validateCategoryConfig(category({ _id: 'category:Kinder bijslag' })).ok).toBe(false)
  })

  it('are written by coordinators only, and checked by the server rules', () => {
    const coordinator = { name: 'carla', roles: ['coordinator'] }
    expect(checkWrite('dgb-config', location(), null, coordinator)).toBeNull()
    expect(checkWrite('dgb-config', location(), null, { name: 'vera', roles: ['volunteer', 'm:ravels'] })).toBe('only coordinators may change configuration')
    expect(checkWrite('dgb-config', location({ name: '' }), null, coordinator)).toMatch(/^invalid location: name: required/)
    // Other services' configuration kinds are theirs to check.
    expect(checkWrite('dgb-config', { _id: 'course:x', kind: 'course' }, null, coordinator)).toBeNull()
  })
})

describe('merging configuration over the defaults', () => {
  it('gives the defaults when there are no documents', () => {
    expect(mergeLocations([]).map(l => l.id).sort()).toEqual(DEFAULT_LOCATIONS.map(l => l.id).sort())
    expect(mergeCategories([]).map(c => c.id)).toEqual([...QUESTION_CATEGORIES])
  })

  it('renames or deactivates a default and adds new ones in order', () => {
    const docs = [
      location({ _id: 'location:loc-ravels-bib', name: 'Bib Ravels (nieuw)' }),
      location({ active: false, _id: 'location:loc-ravels-weelde', name: 'Digipunt Weelde' }),
      location(),
    ] as LocationConfig[]
    const ravels = mergeLocations(docs).filter(l => l.municipality === 'ravels')
    expect(ravels).toEqual([
      { id: 'loc-ravels-bib', municipality: 'ravels', name: 'Bib Ravels (nieuw)', active: true },
      { id: 'loc-ravels-poppel', municipality: 'ravels', name: 'Digipunt Poppel', active: true },
      { id: 'loc-ravels-weelde', municipality: 'ravels', name: 'Digipunt Weelde', active: false },
    ])
    const categories = mergeCategories([category({ order: 1 }), category({ _id: 'category:itsme', name: { nl: 'itsme-app' }, order: 0, active: false })] as CategoryConfig[])
    expect(categories.slice(0, 3).map(c => [c.id, c.active])).toEqual([['itsme', false], ['jobbonus', true], ['kinderbijslag', true]])
  })

  it('makes a unique slug for a new category name', () => {
    expect(categoryIdFor('Kinderbijslag & Groeipakket', [])).toBe('kinderbijslag-groeipakket')
    expect(categoryIdFor('E-mail', ['e-mail', 'e-mail-2'])).toBe('e-mail-3')
    expect(categoryIdFor('!!!', [])).toBe('vraag')
  })

  it('makes a unique location id for a new room that names its municipality and passes the schema', () => {
    const id = locationIdFor('baarle-hertog', 'Digipunt Zondereigen', [])
    expect(id).toBe('loc-baarle-hertog-digipunt-zondereigen')
    expect(locationMunicipality(id)).toBe('baarle-hertog')
    expect(locationIdFor('ravels', 'Bib', ['loc-ravels-bib', 'loc-ravels-bib-2'])).toBe('loc-ravels-bib-3')
    expect(locationIdFor('ravels', '???', [])).toBe('loc-ravels-digipunt')
    expect(validateLocationConfig(location({ _id: `location:${id}`, municipality: 'baarle-hertog' })).ok).toBe(true)
  })

  it('keeps one active room per municipality and one active category', () => {
    const rooms = mergeLocations([location({ _id: 'location:loc-ravels-bib', name: 'Bib', active: false })] as LocationConfig[])
    const ravels = rooms.filter(l => l.municipality === 'ravels' && l.active).map(l => l.id)
    expect(ravels).toHaveLength(1)
    expect(isLastActiveLocation(rooms, ravels[0]!)).toBe(true)
    expect(isLastActiveLocation(rooms, 'loc-ravels-bib')).toBe(false)
    expect(isLastActiveLocation(mergeLocations([]), 'loc-arendonk-bib')).toBe(false)
    const one = mergeCategories(QUESTION_CATEGORIES.slice(1).map(id => category({ _id: `category:${id}`, active: false })) as CategoryConfig[])
    expect(isLastActiveCategory(one, 'itsme')).toBe(true)
    expect(isLastActiveCategory(mergeCategories([]), 'itsme')).toBe(false)
  })
})
