import { acceptHMRUpdate, defineStore } from 'pinia'
import type { Person, PersonInput, PersonKey, Validated } from '../domain'
import { useAuthStore } from './auth'
import { followDataLayer, useDataLayer, whenDataLayer, type PersonRow } from './data'

/** Residents: search, duplicate check and registration for the signed-in staff member. */
export const usePeopleStore = defineStore('people', () => {
  function profile() {
    const auth = useAuthStore()
    if (!auth.profile)
      throw new Error('Cannot register a resident without a signed-in profile')
    return auth.profile
  }

  /** At most 8 rows: more does not fit above a tablet's keyboard, and typing one more letter narrows it. */
  async function search(query: string, limit = 8): Promise<PersonRow[]> {
    return (await whenDataLayer()).people.search(query, limit)
  }

  /**
   * The same search, followed live: `onRows` runs again whenever the answer changes. The help-session
   * form shows before the data layer has loaded (see main.ts), so a name typed that early is
   * searched once it is there.
   */
  function watchSearch(query: string, onRows: (rows: PersonRow[]) => void, limit = 8): () => void {
    return followDataLayer(data => data.people.watchSearch(query, limit, onRows))
  }

  /** Likely duplicates; `excludeId` leaves out the resident being edited. */
  async function findDuplicates(candidate: Omit<PersonKey, 'id'>, excludeId?: string): Promise<PersonRow[]> {
    return (await whenDataLayer()).people.findDuplicates(candidate, excludeId)
  }

  async function get(id: string): Promise<Person | null> {
    return (await whenDataLayer()).people.get(id)
  }

  /** A change to a resident's details by any desk (the registry is shared). */
  function update(id: string, input: PersonInput): Promise<Validated<Person>> {
    return useDataLayer().people.update(id, input, profile())
  }

  /** Registers a resident at a desk of `municipality` (that of the chosen location). */
  function create(input: PersonInput, municipality: string): Promise<Validated<Person>> {
    const staff = profile()
    return whenDataLayer().then(data => data.people.create(input, staff, municipality))
  }

  function watchRows(ids: readonly string[], onRows: (rows: PersonRow[]) => void): () => void {
    return followDataLayer(data => data.people.watchRows(ids, onRows))
  }

  return { search, watchSearch, findDuplicates, get, update, create, watchRows }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePeopleStore, import.meta.hot))
