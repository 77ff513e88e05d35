import { acceptHMRUpdate, defineStore } from 'pinia'
import { useDataLayer, type DraftRecord } from './data'

/** Half-filled forms of this device (never synced), keyed per form and staff member. */
export const useDraftsStore = defineStore('drafts', () => {
  function save(key: string, staff: string, values: unknown): Promise<void> {
    return useDataLayer().drafts.save(key, staff, values)
  }

  function get(key: string): Promise<DraftRecord | null> {
    return useDataLayer().drafts.get(key)
  }

  function discard(key: string): Promise<void> {
    return useDataLayer().drafts.discard(key)
  }

  return { save, get, discard }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDraftsStore, import.meta.hot))
