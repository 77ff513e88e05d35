import { acceptHMRUpdate, defineStore } from 'pinia'
import { whenDataLayer, type DraftRecord } from './data'

/** Half-filled forms of this device (never synced), keyed per form and staff member. */
export const useDraftsStore = defineStore('drafts', () => {
  // The form opens before the data layer has loaded (see main.ts): drafts wait for it.
  async function save(key: string, staff: string, values: unknown): Promise<void> {
    return (await whenDataLayer()).drafts.save(key, staff, values)
  }

  async function get(key: string): Promise<DraftRecord | null> {
    return (await whenDataLayer()).drafts.get(key)
  }

  async function discard(key: string): Promise<void> {
    return (await whenDataLayer()).drafts.discard(key)
  }

  return { save, get, discard }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDraftsStore, import.meta.hot))
