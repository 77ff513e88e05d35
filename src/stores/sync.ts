import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { StaffProfile } from '../domain'
import { useDataLayer, whenDataLayer, type SyncStatus } from './data'

const STOPPED: SyncStatus = { state: 'stopped', pending: 0, lastSyncedAt: null, refused: [], waiting: [] }

/** The replication status the sync indicator shows; replication itself runs in the data layer. */
export const useSyncStore = defineStore('sync', () => {
  const status = ref<SyncStatus>(STOPPED)
  let unsubscribe: (() => void) | null = null

  /** Starts live replication for this account and follows its status. */
  function start(profile: StaffProfile): void {
    const sync = useDataLayer().sync
    unsubscribe?.()
    // A copy per update: the data layer may hand out the same object again, changed in place.
    unsubscribe = sync.onStatus((next) => {
      status.value = { ...next, refused: [...next.refused], waiting: [...next.waiting] }
    })
    sync.start(profile)
    const now = sync.status()
    status.value = { ...now, refused: [...now.refused], waiting: [...now.waiting] }
  }

  /** "Sync now": replication starts again at once instead of after its back-off. */
  function now(): Promise<void> {
    return useDataLayer().sync.now()
  }

  /** Stops replication, e.g. on sign-out; records waiting to sync stay on the device. */
  async function stop(): Promise<void> {
    unsubscribe?.()
    unsubscribe = null
    await (await whenDataLayer()).sync.stop()
    status.value = STOPPED
  }

  return { status, start, stop, now }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
