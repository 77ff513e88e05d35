import { liveQuery } from 'dexie'
import {
  buildPerson, DB, newId, revisePerson, validatePerson,
  type Person, type PersonInput, type PersonKey, type StaffProfile, type Validated,
} from '../domain'
import { isNotFound } from './pouch'
import { duplicatesOf, personRows, searchPeople } from './people-query'
import { writeRecord, type WriteDeps } from './session-write'
import type { PersonRow } from './types'

/**
 * Residents: one shared registry (`dgb-residents`) for the whole Digibank, so a returning resident
 * is recognised at any desk. Written through PouchDB, searched in the Dexie read model.
 */
export class PeopleRepository {
  constructor(private readonly deps: WriteDeps) {
    // The registry is searched before anyone syncs (a tablet offline since its first sign-in).
    deps.ready.then(() => deps.projector.follow(DB.residents), () => undefined)
  }

  /** Registers a resident at the desk of `municipality`, which the staff member must serve. */
  async create(input: PersonInput, staff: StaffProfile, municipality: string): Promise<Validated<Person>> {
    const now = new Date()
    const built = buildPerson(input, municipality, { id: newId('person', now.getTime()), staff: staff.name, now: now.toISOString() })
    if (!built.ok)
      return built
    if (!(staff.municipalities as string[]).includes(municipality))
      return { ok: false, issues: [{ path: 'municipality', code: 'notAllowed' }] }
    const rev = await writeRecord(this.deps, DB.residents, built.value)
    return { ok: true, value: { ...built.value, _rev: rev } }
  }

  /** A change by any desk; fields other services added stay. */
  async update(id: string, input: PersonInput, staff: StaffProfile): Promise<Validated<Person>> {
    const previous = await this.get(id)
    if (!previous)
      return { ok: false, issues: [{ path: '', code: 'notFound' }] }
    const revised = revisePerson(previous, input, new Date().toISOString(), staff.name)
    if (!revised.ok)
      return revised
    const rev = await writeRecord(this.deps, DB.residents, revised.value)
    return { ok: true, value: { ...revised.value, _rev: rev } }
  }

  async get(id: string): Promise<Person | null> {
    try {
      const result = validatePerson(await this.deps.pouch.local(DB.residents).get(id))
      return result.ok ? result.value : null
    }
    catch (err) {
      if (isNotFound(err))
        return null
      throw err
    }
  }

  search(query: string, limit: number): Promise<PersonRow[]> {
    return searchPeople(this.deps.rm, query, limit)
  }

  /**
   * The search, answered again whenever the registry changes: a resident who arrives by sync (or is
   * registered at this desk) after the volunteer typed shows up without another key press.
   */
  watchSearch(query: string, limit: number, onRows: (rows: PersonRow[]) => void): () => void {
    const subscription = liveQuery(() => searchPeople(this.deps.rm, query, limit)).subscribe({
      next: onRows,
      error: err => console.error('people search failed', err),
    })
    return () => subscription.unsubscribe()
  }

  findDuplicates(candidate: Omit<PersonKey, 'id'>, excludeId?: string): Promise<PersonRow[]> {
    return duplicatesOf(this.deps.rm, candidate, excludeId)
  }

  /** Live rows for these ids (a picked resident, a day's sessions), as they sync or change. */
  watchRows(ids: readonly string[], onRows: (rows: PersonRow[]) => void): () => void {
    const subscription = liveQuery(() => personRows(this.deps.rm, ids)).subscribe({
      next: onRows,
      error: err => console.error('people query failed', err),
    })
    return () => subscription.unsubscribe()
  }
}
