import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { lendingMunicipality, type StaffProfile } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'
import type { Borrower, BorrowerInput, DeviceView, LoanView, ParticipantHours } from '../data'

/**
 * Lending: the device list and the loan list kept live from the read model, and the write calls.
 * Screens that show one device or one loan follow it themselves through `watchDevice`/`watchLoan`.
 * Borrowers are residents of the desk's registry (`people`); training hours come from classes.
 */
export const useLendingStore = defineStore('lending', () => {
  const devices = ref<DeviceView[]>([])
  const loans = ref<LoanView[]>([])
  const loaded = ref(false)
  let stops: Array<() => void> = []

  /** Follows devices and loans until the returned function is called. */
  function follow(): () => void {
    stop()
    const api = useDataLayer().lending
    stops = [
      api.watchDevices((rows) => {
        devices.value = rows
        loaded.value = true
      }),
      api.watchLoans((rows) => {
        loans.value = rows
      }),
    ]
    return stop
  }

  function stop(): void {
    for (const s of stops) s()
    stops = []
  }

  /** The signed-in staff member; lending screens are behind sign-in, so a missing one is a bug. */
  function staff(): StaffProfile {
    const profile = useAuthStore().profile
    if (!profile)
      throw new Error('Lending needs a signed-in profile')
    return profile
  }

  /** A borrower by resident id: name and the phone the loan needs, or null when not on this tablet. */
  async function borrower(id: string): Promise<Borrower | null> {
    const p = await useDataLayer().people.get(id)
    return p ? { id: p._id, firstName: p.firstName, lastName: p.lastName, postcode: p.postcode, ...(p.phone ? { phone: p.phone } : {}) } : null
  }

  /**
   * Residents whose name, postcode or birth year start with what was typed, answered again whenever
   * the registry changes: a borrower who arrives by sync shows up without retyping.
   */
  function watchBorrowers(query: string, onRows: (rows: Borrower[]) => void): () => void {
    return useDataLayer().people.watchSearch(query, 8, rows => onRows(rows.map(r => ({ id: r.id, firstName: r.firstName, lastName: r.lastName, postcode: r.postcode }))))
  }

  /** Registers a new resident with only what they told us: no target group is assumed. */
  async function registerBorrower(input: BorrowerInput) {
    const me = staff()
    return useDataLayer().people.create({ ...input, targetGroups: [], devicesOwned: [] }, me, lendingMunicipality(me))
  }

  /** Only a coordinator decides which loan of a double booking stands (the server checks it too). */
  function mayResolveDoubleBooking(): boolean {
    return useAuthStore().coordinator
  }

  /** Keeps `keptLoanId`; every other loan holding the device is cancelled by a new event. */
  function resolveDoubleBooking(tag: string, keptLoanId: string) {
    return useDataLayer().lending.resolveDoubleBooking(tag, keptLoanId, staff())
  }

  /** The training hours the borrower followed, from the roll calls on this tablet. */
  function hours(personId: string): Promise<ParticipantHours> {
    return useDataLayer().classes.hoursFor(personId)
  }

  return { devices, loans, loaded, follow, staff, borrower, watchBorrowers, registerBorrower, mayResolveDoubleBooking, resolveDoubleBooking, hours, api: () => useDataLayer().lending }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useLendingStore, import.meta.hot))
