import { nextTick, onMounted, onUnmounted, type Ref } from 'vue'
import { snapshotKept } from '../start'
import { captureEarlyForm } from './capture'

/** Text a person types; a choice's default and the start time (always "now") are not typing. */
const TYPED = 'input:not([type="checkbox"], [type="radio"], [type="datetime-local"]), textarea'

/**
 * Keeps the form for the next cold start once the start snapshot is settled (so the two are kept
 * as one pair), if it is still untouched then: `untouched` says the form's state is as it opened,
 * and no field holds typed text. Built app only: in development the entry's name never changes,
 * so a kept page could outlive the code that drew it.
 */
export function useEarlyFormCapture(form: Ref<HTMLElement | null>, untouched: () => boolean): void {
  if (!import.meta.env.PROD)
    return
  let alive = true
  onUnmounted(() => {
    alive = false
  })
  onMounted(() => {
    void snapshotKept.then(() => nextTick()).then(() => {
      const root = form.value?.closest<HTMLElement>('#app')
      const typed = [...form.value?.querySelectorAll<HTMLInputElement>(TYPED) ?? []].some(el => el.value !== '')
      if (alive && root && untouched() && !typed)
        captureEarlyForm(root)
    })
  })
}
