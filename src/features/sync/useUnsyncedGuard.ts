import { computed, ref, watch, type Ref } from 'vue'
import type { UnsyncedSummary } from '../../data'
import { useAuthStore } from '../../stores/auth'
import { useDataLayer } from '../../stores/data'

export type GuardAction = 'signOut' | 'clear'
export type GuardStep = 'loading' | 'confirm' | 'refuse' | 'force'

/**
 * The steps of the guard in front of signing out and clearing the tablet: with nothing unsynced a
 * plain confirmation; otherwise a refusal with the count, and for a coordinator a second
 * confirmation that names what would be lost.
 */
export function useUnsyncedGuard(action: GuardAction, open: Ref<boolean>) {
  const auth = useAuthStore()
  const step = ref<GuardStep>('loading')
  const summary = ref<UnsyncedSummary>({ total: 0, byAuthor: [], byKind: [] })
  const who = computed(() => auth.profile?.name ?? '')
  /** Their records go up only under their own cookie: someone who is not the identity must sign in. */
  const mustSignIn = computed(() => auth.identity?.name !== who.value)

  watch(open, async (isOpen) => {
    if (!isOpen)
      return
    step.value = 'loading'
    summary.value = await useDataLayer().device.unsynced(action === 'signOut' ? who.value : undefined)
    step.value = summary.value.total === 0 ? 'confirm' : 'refuse'
  })

  return { step, summary, who, mustSignIn, coordinator: computed(() => auth.coordinator) }
}
