import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { AuditEntry, AuditErrorCode, AuditFilter } from '../data'
import { errorCodeOf, useDataLayer } from './data'

/**
 * The audit trail screen's state: the filter, the page shown (newest first) and the cursors of the
 * pages before it, so "newer" goes back exactly to the page seen before.
 */
export const useAuditStore = defineStore('audit', () => {
  const filter = ref<AuditFilter>({})
  const entries = ref<AuditEntry[]>([])
  const loading = ref(false)
  const problem = ref<AuditErrorCode | null>(null)
  /** Cursors of the pages shown so far; the last one is the current page's (undefined: the newest). */
  const cursors = ref<Array<number | undefined>>([])
  const next = ref<number | null>(null)

  async function load(before: number | undefined): Promise<boolean> {
    loading.value = true
    problem.value = null
    try {
      const page = await useDataLayer().audit.page(filter.value, before)
      entries.value = page.entries
      next.value = page.next
      return true
    }
    catch (err) {
      problem.value = errorCodeOf<AuditErrorCode>(err, ['offline', 'forbidden'], 'server')
      return false
    }
    finally {
      loading.value = false
    }
  }

  /** The newest entries matching `f`. */
  async function search(f: AuditFilter): Promise<void> {
    filter.value = { ...f }
    cursors.value = [undefined]
    await load(undefined)
  }

  async function older(): Promise<void> {
    if (next.value === null)
      return
    const cursor = next.value
    if (await load(cursor))
      cursors.value.push(cursor)
  }

  async function newer(): Promise<void> {
    if (cursors.value.length < 2)
      return
    if (await load(cursors.value.at(-2)))
      cursors.value.pop()
  }

  return { filter, entries, loading, problem, cursors, next, search, older, newer }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAuditStore, import.meta.hot))
