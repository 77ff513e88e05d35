import { acceptHMRUpdate, defineStore } from 'pinia'
import type { Person, PersonInput, PersonKey, Validated } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer, type PersonRow } from './data'

/** Residents: search, duplicate check and registration for the signed-in staff member. */
export const usePeopleStore = defineStore('people', () => {
  function profile() {
    const auth = useAuthStore()
    if (!auth.profile)
      throw new Error('Cannot register a resident without a signed-in profile')
    return auth.profile
  }

  /** At most 8 rows: more does not fit above a tablet's keyboard, and typing one more letter narrows it. */
  function search(query: string, limit = 8): Promise<PersonRow[]> {
    return useDataLayer().people.search(query, limit)
  }

  /** The same search, followed live: `onRows` runs again whenever the answer changes. */
  function watchSearch(query: string, onRows: (rows: PersonRow[]) => void, limit = 8): () => void {
    return useDataLayer().people.watchSearch(query, limit, onRows)
  }

  /** Likely duplicates; `excludeId` leaves out the resident being edited. */
  function findDuplicates(candidate: Omit<PersonKey, 'id'>, excludeId?: string): Promise<PersonRow[]> {
    return useDataLayer().people.findDuplicates(candidate, excludeId)
  }

  function get(id: string): Promise<Person | null> {
    return useDataLayer().people.get(id)
  }

  /** A change to a resident's details by any desk (the registry is shared). */
  function update(id: string, input: PersonInput): Promise<Validated<Person>> {
    return useDataLayer().people.update(id, input, profile())
  }

  /** Registers a resident at a desk of `municipality` (that of the chosen location). */
  function create(input: PersonInput, municipality: string): Promise<Validated<Person>> {
    return useDataLayer().people.create(input, profile(), municipality)
  }

  function watchRows(ids: readonly string[], onRows: (rows: PersonRow[]) => void): () => void {
    return useDataLayer().people.watchRows(ids, onRows)
  }

  return { search, watchSearch, findDuplicates, get, update, create, watchRows }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePeopleStore, import.meta.hot))
