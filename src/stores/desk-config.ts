import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { mergeCategories, mergeLocations, type CategoryConfig, type DeskCategory, type DeskLocation, type LocationConfig, type Validated } from '../domain'
import type { CategoryChange, LocationChange } from '../data'
import { useAuthStore } from './auth'
import { followDataLayer, useDataLayer } from './data'

/**
 * The desk's locations and question categories, kept live from the read model (defaults plus the
 * coordinators' documents from `dgb-config`). Starts with the defaults, so a form never waits.
 */
export const useDeskConfigStore = defineStore('desk-config', () => {
  const locations = ref<DeskLocation[]>(mergeLocations([]))
  const categories = ref<DeskCategory[]>(mergeCategories([]))
  let stop: (() => void) | null = null

  /** Starts following the configuration (idempotent). */
  function follow(): void {
    stop ??= followDataLayer(data => data.deskConfig.watch((config) => {
      locations.value = config.locations
      categories.value = config.categories
    }))
  }

  /** The active rooms of the signed-in staff member's municipalities. */
  const myLocations = computed(() => {
    const mine = useAuthStore().profile?.municipalities ?? []
    return locations.value.filter(l => l.active && (mine as string[]).includes(l.municipality))
  })

  function locationName(id: string): string {
    return locations.value.find(l => l.id === id)?.name ?? id
  }

  /** A coordinator adds, renames or (de)activates a room; every tablet gets it with the next sync. */
  function saveLocation(change: LocationChange): Promise<Validated<LocationConfig>> {
    return useDataLayer().deskConfig.saveLocation(change, signedIn())
  }

  /** The same for a question category. */
  function saveCategory(change: CategoryChange): Promise<Validated<CategoryConfig>> {
    return useDataLayer().deskConfig.saveCategory(change, signedIn())
  }

  function signedIn() {
    const profile = useAuthStore().profile
    if (!profile)
      throw new Error('no one is signed in')
    return profile
  }

  return { locations, categories, myLocations, follow, locationName, saveLocation, saveCategory }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDeskConfigStore, import.meta.hot))
