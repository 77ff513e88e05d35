import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { mergeCategories, mergeLocations, type DeskCategory, type DeskLocation } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

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
    stop ??= useDataLayer().deskConfig.watch((config) => {
      locations.value = config.locations
      categories.value = config.categories
    })
  }

  /** The active rooms of the signed-in staff member's municipalities. */
  const myLocations = computed(() => {
    const mine = useAuthStore().profile?.municipalities ?? []
    return locations.value.filter(l => l.active && (mine as string[]).includes(l.municipality))
  })

  function locationName(id: string): string {
    return locations.value.find(l => l.id === id)?.name ?? id
  }

  return { locations, categories, myLocations, follow, locationName }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDeskConfigStore, import.meta.hot))
