import { PERSON_KIND, validatePerson, type Person } from './person'
import type { Stamp } from './help-session'
import type { Validated } from './validation'

/**
 * What the desk asks of a new resident: the fields `person.ts` allows, nothing more. Contact details
 * are not asked here (the walk-in service does not need them); loans and classes add them.
 */
export interface PersonInput {
  firstName: string
  lastName: string
  postcode: string
  birthYear?: number
  ageGroup?: string
  gender?: string
  targetGroups: string[]
  devicesOwned: string[]
  language?: string
  /** The resident agreed that we keep this record; the date is the day of the stamp. */
  consent: boolean
  /**
   * Contact details, optional at the desk. In a change, a field that is present replaces the stored
   * one (empty clears it); an absent field keeps what another service stored.
   */
  phone?: string
  email?: string
  address?: string
}

const CONTACT_FIELDS = ['phone', 'email', 'address'] as const

/**
 * The registration's municipality is that of the desk where the resident was first registered (the
 * server checks the staff member serves it), not their home: a resident from Turnhout helped in
 * Arendonk is Arendonk's to report.
 */
const DESK_FIELDS = ['firstName', 'lastName', 'postcode', 'birthYear', 'ageGroup', 'gender', 'targetGroups', 'devicesOwned', 'language'] as const

export function buildPerson(input: PersonInput, municipality: string, stamp: Stamp): Validated<Person> {
  const optional = <K extends 'birthYear' | 'ageGroup' | 'gender' | 'language'>(key: K) =>
    input[key] === undefined || input[key] === '' ? {} : { [key]: input[key] }
  return validatePerson({
    _id: stamp.id,
    kind: PERSON_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality,
    firstName: input.firstName,
    lastName: input.lastName,
    postcode: input.postcode.trim(),
    ...optional('birthYear'),
    ...optional('ageGroup'),
    ...optional('gender'),
    ...optional('language'),
    targetGroups: input.targetGroups,
    devicesOwned: input.devicesOwned,
    consent: { given: input.consent, date: stamp.now.slice(0, 10) },
    ...contact(input),
  })
}

/** The contact details typed, trimmed, without the empty ones. */
function contact(input: PersonInput): Partial<Record<(typeof CONTACT_FIELDS)[number], string>> {
  return Object.fromEntries(CONTACT_FIELDS.flatMap(key => (input[key]?.trim() ? [[key, input[key].trim()]] : [])))
}

/**
 * A change to a resident by any desk (the registry is shared): the new values over the stored
 * ones; id, municipality, creation time and the original consent date stay. `createdBy` names the
 * writer of this revision (`by`), as for every shared record: a tablet pushes what its signed-in
 * account wrote, so a correction by another volunteer goes up from their tablet at once.
 */
export function revisePerson(previous: Person, input: PersonInput, now: string, by: string): Validated<Person> {
  const built = buildPerson(input, previous.municipality, { id: previous._id, staff: by, now })
  if (!built.ok)
    return built
  // Fields other services added (contact details for a loan) are kept; the desk's own fields are
  // replaced, including optional ones the volunteer cleared.
  const kept: Record<string, unknown> = { ...previous }
  for (const key of [...DESK_FIELDS, ...CONTACT_FIELDS.filter(k => input[k] !== undefined)])
    delete kept[key]
  return validatePerson({ ...kept, ...built.value, createdAt: previous.createdAt, consent: previous.consent })
}
