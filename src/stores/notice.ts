import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'

export interface Notice {
  key: string
  params?: Record<string, string | number>
}

/**
 * A short confirmation shown after an action that moves to another page ("saved").
 * It stays for the navigation that follows and disappears on the next one, not on a timer:
 * a message that vanishes by itself may be gone before someone has read it.
 */
export const useNoticeStore = defineStore('notice', () => {
  const notice = ref<Notice | null>(null)
  let keepFor = 0

  /** Shows a message (an i18n key) through the next navigation. */
  function show(key: string, params?: Record<string, string | number>): void {
    notice.value = params ? { key, params } : { key }
    keepFor = 1
  }

  /** Called by the router after each navigation. */
  function navigated(): void {
    if (keepFor > 0)
      keepFor -= 1
    else
      notice.value = null
  }

  function dismiss(): void {
    notice.value = null
  }

  return { notice, show, navigated, dismiss }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useNoticeStore, import.meta.hot))
