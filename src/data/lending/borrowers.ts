import { DB, validatePerson, withLoanPhone, type Person, type StaffProfile, type Validated } from '../../domain'
import { isNotFound } from '../pouch'
import { writeTo, type LendingDeps } from './writer'

/** What lending shows of a resident: a name to recognise, and the phone for the overdue call. */
export interface Borrower {
  id: string
  firstName: string
  lastName: string
  postcode: string
  phone?: string
}

/** What the handover asks of a borrower who is not in the registry yet: only what they tell us. */
export interface BorrowerInput {
  firstName: string
  lastName: string
  postcode: string
  consent: boolean
}

/**
 * Borrowers are residents of the shared registry (`dgb-residents`), searched and registered through
 * the desk's people API. Lending adds one thing to a registration: the phone number the loan needs,
 * asked on the handover, written as a new revision of the resident through the same write path.
 */
export async function saveLoanPhone(deps: LendingDeps, personId: string, phone: string, staff: StaffProfile): Promise<Validated<Person>> {
  let stored: unknown
  try {
    stored = await deps.pouch.local(DB.residents).get(personId)
  }
  catch (err) {
    if (isNotFound(err))
      return { ok: false, issues: [{ path: 'personId', code: 'notFound' }] }
    throw err
  }
  const person = validatePerson(stored)
  if (!person.ok)
    return person
  const next = withLoanPhone(person.value, phone, new Date().toISOString(), staff.name)
  if (!next.ok || !next.changed)
    return next
  await writeTo(deps, DB.residents, [next.value])
  return { ok: true, value: next.value }
}
