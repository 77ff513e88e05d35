import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { TabletInfo } from '../data'
import { useDataLayer } from './data'
import { useSessionsStore } from './sessions'

/** This tablet's name and room, kept on the device and reported to the server with each sync. */
export const useTabletStore = defineStore('tablet', () => {
  const info = ref<TabletInfo | null>(null)

  async function load(): Promise<void> {
    info.value = await useDataLayer().device.tablet()
  }

  /** Names the tablet and binds it to a room, which becomes the desk form's default. */
  async function enrol(name: string, location: string): Promise<void> {
    info.value = await useDataLayer().device.enrolTablet(name, location)
    useSessionsStore().chooseLocation(location)
  }

  return { info, load, enrol }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useTabletStore, import.meta.hot))
