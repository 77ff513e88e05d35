import type { StaffProfile } from './access'
import type { MunicipalitySlug } from './municipalities'
import * as v from 'valibot'
import { personSchema, validatePerson, type Person } from './person'
import type { FieldIssue, Validated } from './validation'

/**
 * Rules that span the lending records. The lending database is shared by the whole Digibank, but
 * every record still names a municipality: the server lets a lender write only for their own.
 */

/** Default loan period in months, until a coordinator sets another in the configuration. */
export const DEFAULT_LOAN_MONTHS = 12

/**
 * The municipality a lender's record is stamped with: the device's own when the staff member works
 * there, otherwise the first one of the staff member (a coordinator may use any).
 */
export function lendingMunicipality(staff: Pick<StaffProfile, 'municipalities'>, preferred?: string): MunicipalitySlug | '' {
  const own = staff.municipalities
  const match = own.find(m => m === preferred)
  return match ?? own[0] ?? ''
}

/** Today as a local calendar day `YYYY-MM-DD` (the loan dates are calendar days). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/**
 * The phone number a loan needs, asked on the handover: an empty or malformed number is refused
 * with the issue a form shows next to its field. Pure, so the form checks it before anything is saved.
 */
export function loanPhoneIssue(phone: string): FieldIssue | null {
  const trimmed = phone.trim()
  if (!trimmed)
    return { path: 'phone', code: 'required' }
  // The registration's own rule for a phone number, so the two can never disagree.
  return v.safeParse(personSchema.entries.phone, trimmed).success ? null : { path: 'phone', code: 'invalidPhone' }
}

/**
 * The resident's registration with the loan's phone number on it, and nothing else changed: the
 * registry keeps only what the person told us, and the loan's eligibility stays on the loan.
 * `changed` is false when the number is already the stored one, so no revision is written.
 */
export function withLoanPhone(person: Person, phone: string, now: string, by: string): Validated<Person> & { changed?: boolean } {
  const issue = loanPhoneIssue(phone)
  if (issue)
    return { ok: false, issues: [issue] }
  const trimmed = phone.trim()
  if (person.phone === trimmed)
    return { ok: true, value: person, changed: false }
  const next = validatePerson({ ...person, phone: trimmed, updatedAt: now, createdBy: by })
  return next.ok ? { ...next, changed: true } : next
}
