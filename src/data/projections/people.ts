import { normaliseName, PERSON_KIND, validatePerson, type MunicipalitySlug } from '../../domain'
import type { Projection } from './types'

/**
 * A resident as the desk's search needs them. `terms` holds every word of the normalised name,
 * the postcode and the birth year; it is a multi-entry index, so "pee 1951" is a prefix lookup on
 * one word followed by a check of the others on a handful of rows, fast with thousands of people.
 * Only what the search shows and the duplicate check reads is copied here.
 */
export interface PersonRecord {
  id: string
  rev: string
  db: string
  municipality: MunicipalitySlug
  firstName: string
  lastName: string
  postcode: string
  birthYear?: number
  terms: string[]
  conflicted: boolean
}

export function personTerms(p: { firstName: string, lastName: string, postcode: string, birthYear?: number | undefined }): string[] {
  const words = normaliseName(`${p.firstName} ${p.lastName}`).split(' ').filter(Boolean)
  return [...new Set([...words, p.postcode, ...(p.birthYear === undefined ? [] : [String(p.birthYear)])])]
}

export const peopleProjection: Projection<PersonRecord> = {
  table: 'people',
  indexes: 'id, db, *terms, lastName',
  toRow(db, doc) {
    if (doc.kind !== PERSON_KIND)
      return null
    const result = validatePerson(doc)
    if (!result.ok) {
      // The id only: a person document must not end up in a log with its name.
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid person; not listed`)
      return null
    }
    const p = result.value
    const conflicts = doc._conflicts
    return {
      id: p._id,
      rev: String(doc._rev),
      db,
      municipality: p.municipality as MunicipalitySlug,
      firstName: p.firstName,
      lastName: p.lastName,
      postcode: p.postcode,
      ...(p.birthYear === undefined ? {} : { birthYear: p.birthYear }),
      terms: personTerms(p),
      conflicted: Array.isArray(conflicts) && conflicts.length > 0,
    }
  },
}
