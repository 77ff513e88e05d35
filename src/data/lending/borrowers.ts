import { DB, lendingMunicipality, localDay, newId, normaliseName, PERSON_KIND, validatePerson, type Person, type StaffProfile, type Validated } from '../../domain'
import { writeTo, type LendingDeps } from './writer'

/** What lending shows of a resident: a name to recognise, and the phone for the overdue call. */
export interface Borrower {
  id: string
  firstName: string
  lastName: string
  postcode: string
  phone?: string
}

export interface BorrowerInput {
  firstName: string
  lastName: string
  postcode: string
  phone: string
}

function toBorrower(p: Person): Borrower {
  return { id: p._id, firstName: p.firstName, lastName: p.lastName, postcode: p.postcode, ...(p.phone ? { phone: p.phone } : {}) }
}

/**
 * Borrowers are residents of the shared registry (`dgb-residents`), which this tablet replicates.
 * Lending reads them straight from the local PouchDB by id, and can register a new one with only
 * what a loan needs (name, postcode, phone, consent), so a handover never waits for the desk.
 */
export class Borrowers {
  constructor(private readonly deps: LendingDeps) {}

  async get(ids: readonly string[]): Promise<Map<string, Borrower>> {
    const found = new Map<string, Borrower>()
    if (ids.length === 0)
      return found
    const res = await this.deps.pouch.local(DB.residents).allDocs({ keys: [...new Set(ids)], include_docs: true })
    for (const row of res.rows) {
      const doc = 'doc' in row ? row.doc : undefined
      const person = doc ? validatePerson(doc) : null
      if (person?.ok)
        found.set(person.value._id, toBorrower(person.value))
    }
    return found
  }

  /** Residents whose names contain every word typed (case and accents ignored), at most `limit`. */
  async search(query: string, limit = 10): Promise<Borrower[]> {
    const words = normaliseName(query).split(' ').filter(Boolean)
    if (words.length === 0)
      return []
    const res = await this.deps.pouch.local(DB.residents).allDocs({ startkey: 'person:', endkey: 'person:\uffff', include_docs: true })
    const out: Borrower[] = []
    for (const row of res.rows) {
      const person = row.doc ? validatePerson(row.doc) : null
      if (!person?.ok)
        continue
      const name = normaliseName(`${person.value.firstName} ${person.value.lastName}`)
      if (words.every(w => name.includes(w)))
        out.push(toBorrower(person.value))
      if (out.length >= limit)
        break
    }
    return out
  }

  async create(input: BorrowerInput, staff: StaffProfile): Promise<Validated<Person>> {
    const now = new Date()
    const phone = input.phone.trim()
    const built = validatePerson({
      _id: newId('person', now.getTime()),
      kind: PERSON_KIND,
      schemaVersion: 1,
      createdAt: now.toISOString(),
      createdBy: staff.name,
      updatedAt: now.toISOString(),
      municipality: lendingMunicipality(staff),
      firstName: input.firstName,
      lastName: input.lastName,
      postcode: input.postcode.trim(),
      targetGroups: ['laag-inkomen'],
      devicesOwned: [],
      consent: { given: true, date: localDay(now) },
      ...(phone ? { phone } : {}),
    })
    if (built.ok)
      await writeTo(this.deps, DB.residents, [built.value])
    return built
  }
}
