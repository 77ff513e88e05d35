import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFormat } from '../../i18n/format'
import { useSyncStore } from '../../stores/sync'

/**
 * The sentence for the sync indicator. Waiting records come first in every state except a
 * lost sign-in: the number is what a volunteer needs before closing the tablet.
 */
export function useSyncMessage() {
  const { t } = useI18n()
  const format = useFormat()
  const sync = useSyncStore()

  const message = computed(() => {
    const { state, pending: n, lastSyncedAt } = sync.status
    if (state === 'unauthorized')
      return t('sync.unauthorized')
    if (state === 'offline')
      return t('sync.offline', { n }, n)
    if (n > 0)
      return t('sync.pending', { n }, n)
    if (state === 'synced')
      return lastSyncedAt ? t('sync.syncedAt', { time: format.time(lastSyncedAt) }) : t('sync.synced')
    return t(`sync.${state}`)
  })

  /** A second line for trouble that needs attention besides the main sentence. */
  const detail = computed(() => {
    const { state, pending, refused } = sync.status
    if (refused.length)
      return t('sync.refused', { n: refused.length }, refused.length)
    return state === 'error' && pending > 0 ? t('sync.error') : ''
  })

  const state = computed(() => sync.status.state)
  return { message, detail, state }
}
