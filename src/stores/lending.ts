import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { StaffProfile } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'
import type { DeviceView, LoanView } from '../data'

/**
 * Lending: the device list and the loan list kept live from the read model, and the write calls.
 * Screens that show one device or one loan follow it themselves through `watchDevice`/`watchLoan`.
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

  return { devices, loans, loaded, follow, staff, api: () => useDataLayer().lending }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useLendingStore, import.meta.hot))
