import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isCoordinator, type StaffProfile } from '../domain'
import type { UnlockResult } from '../data'
import { authErrorCode, useDataLayer, whenDataLayer, type AuthErrorCode } from './data'
import { useLockStore } from './lock'
import { useSyncStore } from './sync'

/**
 * Who works on this tablet now (`profile`, who stamps records) and whose cookie replication runs
 * under (`identity`, the last online sign-in). Unlocking with a PIN changes the first, never the
 * second, so sync goes on across user switches.
 */
export const useAuthStore = defineStore('auth', () => {
  const profile = ref<StaffProfile | null>(null)
  const identity = ref<StaffProfile | null>(null)
  const coordinator = computed(() => profile.value !== null && isCoordinator(profile.value))
  let restoring: Promise<void> | null = null
  /** Started from the start snapshot; `unchecked` until the stored state has been read. */
  let resumed = false
  let unchecked = false

  let stopScope: (() => void) | null = null
  function syncAs(next: StaffProfile | null): void {
    identity.value = next
    if (next) {
      useSyncStore().start(next)
      // A coordinator may change this account's municipalities; the tablet learns it when it syncs.
      stopScope?.()
      stopScope = useDataLayer().auth.onScopeChange((fresh) => {
        if (identity.value?.name === fresh.name)
          identity.value = fresh
        if (profile.value?.name === fresh.name)
          profile.value = fresh
      })
    }
  }

  /**
   * Loads who was working here, the lock and the identity, once per app start; the router waits
   * for it, so a reload without network (or while locked) opens the right screen.
   */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      const data = await whenDataLayer()
      const [found, state] = await Promise.all([data.auth.current(), data.device.state(), useLockStore().load()])
      // The stored state wins over the start snapshot, unless someone signed in or unlocked meanwhile.
      const fromSnapshot = unchecked
      unchecked = false
      if (fromSnapshot)
        profile.value = found
      else if (found && !profile.value)
        profile.value = found
      if (state.identity && (fromSnapshot || !identity.value))
        syncAs(state.identity)
      else if (fromSnapshot)
        identity.value = null
    })().catch((error: unknown) => console.error('Could not restore the signed-in profile', error))
    return restoring
  }

  /**
   * Starts from the snapshot of the last start (see `start-snapshot.ts`): the first page opens
   * without waiting for IndexedDB; `restore()` then reads the stored state and corrects it.
   */
  function resume(saved: { profile: StaffProfile | null, identity: StaffProfile | null }): void {
    profile.value = saved.profile
    identity.value = saved.identity
    resumed = true
    unchecked = true
  }

  /** What the router waits for before its first decision: the snapshot, or else the stored state. */
  function known(): Promise<void> {
    return resumed ? Promise.resolve() : restore()
  }

  /** Signs in online with the password; resolves to an error code for the form, or null on success. */
  async function signIn(name: string, password: string): Promise<AuthErrorCode | null> {
    try {
      const next = await useDataLayer().auth.signIn(name, password)
      unchecked = false
      profile.value = next
      // Also right after "sign in again": the new cookie lets replication start over.
      syncAs(next)
      const lock = useLockStore()
      lock.unlocked()
      await lock.refreshStaff()
      return null
    }
    catch (error) {
      return authErrorCode(error)
    }
  }

  /** Unlocks offline with a PIN as someone who signed in on this tablet before. */
  async function unlock(name: string, pin: string): Promise<UnlockResult> {
    const lock = useLockStore()
    const result = await (await whenDataLayer()).device.unlock(name, pin)
    if (result.ok) {
      unchecked = false
      profile.value = result.profile
      lock.unlocked()
    }
    if (!result.ok && result.reason !== 'unknown')
      await lock.refreshStaff()
    return result
  }

  /** Forgets the active person on this tablet; their unsynced records stay stored. */
  async function signOut(): Promise<void> {
    const leaving = profile.value?.name
    if (leaving && leaving === identity.value?.name) {
      await useSyncStore().stop()
      identity.value = null
    }
    await (await whenDataLayer()).auth.signOut()
    profile.value = null
    await useLockStore().load()
  }

  return { profile, identity, coordinator, restore, resume, known, signIn, unlock, signOut }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot))
