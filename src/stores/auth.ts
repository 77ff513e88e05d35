import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { isCoordinator, type StaffProfile } from '../domain'
import { authErrorCode, useDataLayer, type AuthErrorCode } from './data'
import { useSyncStore } from './sync'

/** Who is signed in on this device. Signing in or restoring a profile starts replication. */
export const useAuthStore = defineStore('auth', () => {
  const profile = ref<StaffProfile | null>(null)
  const coordinator = computed(() => profile.value !== null && isCoordinator(profile.value))
  let restoring: Promise<void> | null = null

  function begin(next: StaffProfile): void {
    profile.value = next
    useSyncStore().start(next)
  }

  /**
   * Loads the profile kept on this device, once per app start; the router waits for it, so a
   * reload without network opens the app for whoever was signed in.
   */
  function restore(): Promise<void> {
    restoring ??= useDataLayer().auth.current().then(
      (found) => {
        if (found && !profile.value)
          begin(found)
      },
      (error: unknown) => console.error('Could not restore the signed-in profile', error),
    )
    return restoring
  }

  /** Signs in against the server; resolves to an error code for the form, or null on success. */
  async function signIn(name: string, password: string): Promise<AuthErrorCode | null> {
    try {
      // Also right after "sign in again": the new cookie lets replication start over.
      begin(await useDataLayer().auth.signIn(name, password))
      return null
    }
    catch (error) {
      return authErrorCode(error)
    }
  }

  /** Stops replication and forgets the profile on this device; unsynced records stay stored. */
  async function signOut(): Promise<void> {
    await useSyncStore().stop()
    await useDataLayer().auth.signOut()
    profile.value = null
  }

  return { profile, coordinator, restore, signIn, signOut }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAuthStore, import.meta.hot))
