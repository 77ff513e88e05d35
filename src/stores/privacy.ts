import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { ErasureCounts, PrivacyErrorCode, SubjectExport } from '../data'
import { errorCodeOf, useDataLayer } from './data'

export type { ErasureCounts, PrivacyErrorCode, SubjectExport, SubjectRecord } from '../data'

function codeOf(err: unknown): PrivacyErrorCode {
  return errorCodeOf<PrivacyErrorCode>(err, ['offline', 'notFound', 'forbidden'], 'server')
}

/**
 * One resident's subject rights: what the server holds about them (for the readable page and the
 * download) and the erasure. Only the server knows everything, so this store asks it every time
 * and keeps nothing on the tablet.
 */
export const usePrivacyStore = defineStore('privacy', () => {
  const found = ref<SubjectExport | null>(null)
  /** The export exactly as the server sent it, for "Download als JSON". */
  const json = ref('')
  const loading = ref(false)
  const error = ref<PrivacyErrorCode | null>(null)
  const erased = ref<ErasureCounts | null>(null)

  /** Asks the server for everything about `personId`. */
  async function load(personId: string): Promise<void> {
    loading.value = true
    error.value = null
    erased.value = null
    found.value = null
    try {
      const result = await useDataLayer().privacy.find(personId)
      found.value = result.data
      json.value = result.json
    }
    catch (err) {
      error.value = codeOf(err)
    }
    finally {
      loading.value = false
    }
  }

  /** Erases the resident on the server; the counts it answers stay on screen. */
  async function erase(personId: string): Promise<boolean> {
    error.value = null
    try {
      erased.value = await useDataLayer().privacy.erase(personId)
      // The erasure reaches this tablet with the next pull; ask for it now. Not waited for: if it
      // fails (the tablet's own storage), the regular pull still brings it, and the erasure is done.
      void useDataLayer().sync.now().catch(() => undefined)
      found.value = null
      json.value = ''
      return true
    }
    catch (err) {
      error.value = codeOf(err)
      return false
    }
  }

  return { found, json, loading, error, erased, load, erase }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(usePrivacyStore, import.meta.hot))
