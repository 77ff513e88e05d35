import * as v from 'valibot'
import { baseRecordEntries, isoDate } from './records'
import { runSchema, type Validated } from './validation'

/**
 * A resident of the walk-in service: only what the service needs to recognise a returning person
 * and to report anonymously (age group, target group, municipality). Contact details are optional
 * here and become required only where a loan or a class needs them.
 */
export const PERSON_KIND = 'person'

export const AGE_GROUPS = ['tot-18', '18-29', '30-44', '45-64', '65-79', '80-plus'] as const
export const GENDERS = ['v', 'm', 'x', 'zegt-niet'] as const
export const TARGET_GROUPS = ['senior', 'werkzoekende', 'nieuwkomer', 'laag-inkomen', 'beperking', 'andere'] as const
export const DEVICES_OWNED = ['geen', 'smartphone', 'tablet', 'laptop'] as const
export const LANGUAGES = ['nl', 'fr', 'en', 'ar', 'tr', 'uk', 'ru', 'andere'] as const

export const PERSON_LIMITS = { maxName: 60, minBirthYear: 1900 } as const

const name = v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(PERSON_LIMITS.maxName, 'tooLong'))

export const personSchema = v.looseObject({
  ...baseRecordEntries,
  _id: v.pipe(v.string(), v.regex(/^person:[0-9A-HJKMNP-TV-Z]{26}$/, 'invalidId')),
  kind: v.literal(PERSON_KIND, 'wrongKind'),
  firstName: name,
  lastName: name,
  postcode: v.pipe(v.string('invalidType'), v.regex(/^\d{4}$/, 'invalidPostcode')),
  birthYear: v.optional(v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(PERSON_LIMITS.minBirthYear, 'tooSmall'), v.maxValue(2100, 'tooLarge'))),
  ageGroup: v.optional(v.picklist(AGE_GROUPS, 'notAllowed')),
  gender: v.optional(v.picklist(GENDERS, 'notAllowed')),
  targetGroups: v.pipe(v.array(v.picklist(TARGET_GROUPS, 'notAllowed'), 'invalidType'), v.maxLength(TARGET_GROUPS.length, 'tooLong')),
  devicesOwned: v.pipe(v.array(v.picklist(DEVICES_OWNED, 'notAllowed'), 'invalidType'), v.maxLength(DEVICES_OWNED.length, 'tooLong')),
  language: v.optional(v.picklist(LANGUAGES, 'notAllowed')),
  consent: v.object({ given: v.literal(true, 'consentRequired'), date: isoDate }, 'consentRequired'),
  phone: v.optional(v.pipe(v.string('invalidType'), v.regex(/^\+?[\d ./-]{8,20}$/, 'invalidPhone'))),
  email: v.optional(v.pipe(v.string('invalidType'), v.maxLength(120, 'tooLong'), v.email('invalidEmail'))),
  address: v.optional(v.pipe(v.string('invalidType'), v.maxLength(160, 'tooLong'))),
})

export type Person = v.InferOutput<typeof personSchema>

export function validatePerson(input: unknown): Validated<Person> {
  return runSchema(personSchema, input)
}

/** Age group from a birth year, so reports never need the year itself. */
export function ageGroupFor(birthYear: number, onDate: Date): (typeof AGE_GROUPS)[number] {
  const age = onDate.getUTCFullYear() - birthYear
  if (age < 18)
    return 'tot-18'
  if (age < 30)
    return '18-29'
  if (age < 45)
    return '30-44'
  if (age < 65)
    return '45-64'
  if (age < 80)
    return '65-79'
  return '80-plus'
}
