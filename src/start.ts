import { computed, watch } from 'vue'
import type { StartSnapshot } from './start-snapshot'
import { writeStartSnapshot } from './start-snapshot'
import { useAuthStore } from './stores/auth'
import { useDeskConfigStore } from './stores/desk-config'
import { useLockStore } from './stores/lock'

let kept = () => {}
/** Resolves once the snapshot follows the stores, i.e. it holds what this start has read. */
export const snapshotKept = new Promise<void>((resolve) => {
  kept = resolve
})

/** Counts the snapshot as read without following the stores (the hidden frame that keeps the form: it reads nothing else). */
export function snapshotAsRead(): void {
  kept()
}

/** Puts the snapshot of the last start into the stores, so the first page draws without the data layer. */
export function resumeFrom(snapshot: StartSnapshot): void {
  useAuthStore().resume(snapshot)
  const lock = useLockStore()
  lock.locked = snapshot.locked
  lock.staff = snapshot.staff
  const config = useDeskConfigStore()
  if (snapshot.locations.length)
    config.locations = snapshot.locations
  if (snapshot.categories.length)
    config.categories = snapshot.categories
}

/**
 * Keeps the snapshot in step with the stores once the stored state has been read (never before:
 * an unchecked snapshot must not be written back). Follows the desk configuration for it, which
 * is a live query, so only after the first page is on screen.
 */
export function keepStartSnapshot(): () => void {
  const auth = useAuthStore()
  const lock = useLockStore()
  const config = useDeskConfigStore()
  config.follow()
  const snapshot = computed<StartSnapshot>(() => ({
    profile: auth.profile,
    identity: auth.identity,
    locked: lock.locked,
    staff: lock.staff,
    locations: config.locations,
    categories: config.categories,
  }))
  // `sync`: a lock is on record at once, before the tab can be closed.
  const stop = watch(snapshot, writeStartSnapshot, { immediate: true, flush: 'sync', deep: true })
  kept()
  return stop
}
