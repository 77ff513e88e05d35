import * as v from 'valibot'
import { personSchema, type Person } from './person'
import type { PersonInput } from './person-input'
import type { FieldIssue } from './validation'

/**
 * How a class reaches a participant (a lesson moved or cancelled): a phone number or an e-mail
 * address, one of the two is enough. Asked at enrolment only when the registration has neither, and
 * stored on the registration itself, so the municipality database holds no contact details.
 */
export interface ClassContact {
  phone: string
  email: string
}

export function hasClassContact(person: Pick<Person, 'phone' | 'email'>): boolean {
  return Boolean(person.phone?.trim() || person.email?.trim())
}

/** What is wrong with the contact typed, field by field; empty when it will do. */
export function classContactIssues(contact: ClassContact): FieldIssue[] {
  const phone = contact.phone.trim()
  const email = contact.email.trim()
  if (!phone && !email)
    return [{ path: 'phone', code: 'contactRequired' }]
  // The registration's own rules for both fields, so the two can never disagree.
  return [
    ...(phone && !v.safeParse(personSchema.entries.phone, phone).success ? [{ path: 'phone', code: 'invalidPhone' }] : []),
    ...(email && !v.safeParse(personSchema.entries.email, email).success ? [{ path: 'email', code: 'invalidEmail' }] : []),
  ]
}

/**
 * The registration as a change that adds the contact typed and keeps everything else: the desk's
 * fields as they are, only the non-empty contact fields given (an absent field keeps what is stored).
 */
export function withClassContact(person: Person, contact: ClassContact): PersonInput {
  const optional = <K extends 'birthYear' | 'ageGroup' | 'gender' | 'language'>(key: K) => person[key] === undefined ? {} : { [key]: person[key] }
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    postcode: person.postcode,
    ...optional('birthYear'),
    ...optional('ageGroup'),
    ...optional('gender'),
    ...optional('language'),
    targetGroups: [...person.targetGroups],
    devicesOwned: [...person.devicesOwned],
    consent: person.consent.given,
    ...(contact.phone.trim() ? { phone: contact.phone.trim() } : {}),
    ...(contact.email.trim() ? { email: contact.email.trim() } : {}),
  }
}
