import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { DEFAULT_APP_SETTINGS, type AppSettings, type AppSettingsDoc, type Validated } from '../domain'
import type { AppSettingsChange } from '../data'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

/**
 * The Digibank's settings that coordinators set for every tablet (idle lock, loan period, agreement
 * text), followed live. Starts with the defaults, so a form never waits for them.
 */
export const useAppSettingsStore = defineStore('app-settings', () => {
  const settings = ref<AppSettings>(DEFAULT_APP_SETTINGS)

  /** Follows the settings until the returned function is called (by the screen that needs them). */
  function follow(): () => void {
    return useDataLayer().settings.watch((s) => {
      settings.value = s
    })
  }

  /** A coordinator's change; every tablet gets it with its next sync. */
  function save(change: AppSettingsChange): Promise<Validated<AppSettingsDoc>> {
    const profile = useAuthStore().profile
    if (!profile)
      throw new Error('no one is signed in')
    return useDataLayer().settings.save(change, profile)
  }

  return { settings, follow, save }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAppSettingsStore, import.meta.hot))
