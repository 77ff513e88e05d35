import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { DeviceStaff } from '../data'
import { DEFAULT_IDLE_MINUTES } from '../domain'
import { followDataLayer, useDataLayer, whenDataLayer } from './data'

/** What counts as someone still using the tablet. */
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const

/**
 * The lock of a shared tablet: whether it is locked (kept on the device, so a reload stays
 * locked), who can unlock it, and the idle timer that locks it when nobody touches it. The idle
 * period is the coordinators' setting for every tablet (`settings.idleMinutes`); a tablet has no
 * setting of its own, so nobody can stretch the lock on one tablet.
 */
export const useLockStore = defineStore('lock', () => {
  const locked = ref(false)
  const staff = ref<DeviceStaff[]>([])
  const idleMinutes = ref(DEFAULT_IDLE_MINUTES)
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastActivity = Date.now()
  let watching = false

  /** Reads the lock and the staff list from the device. */
  async function load(): Promise<void> {
    const device = useDataLayer().device
    const [state, list] = await Promise.all([device.state(), device.staff()])
    locked.value = state.locked
    staff.value = list
  }

  async function refreshStaff(): Promise<void> {
    staff.value = await useDataLayer().device.staff()
  }

  /** Locks now; the router then shows only the lock screen. */
  async function lock(): Promise<void> {
    locked.value = true
    clearTimeout(timer)
    await (await whenDataLayer()).device.lock()
  }

  function unlocked(): void {
    locked.value = false
    activity()
  }

  /** A new period from the coordinators counts from the last activity, as the old one did. */
  function followSettings(minutes: number): void {
    idleMinutes.value = minutes
    if (watching && !locked.value) {
      clearTimeout(timer)
      check()
    }
  }

  /** Restarts the idle countdown; the deadline is checked against the clock, as timers in a background tab run late. */
  function activity(): void {
    lastActivity = Date.now()
    clearTimeout(timer)
    if (!locked.value && watching)
      timer = setTimeout(check, idleMinutes.value * 60_000)
  }

  function check(): void {
    const left = lastActivity + idleMinutes.value * 60_000 - Date.now()
    if (locked.value)
      return
    if (left <= 0)
      void lock()
    else
      timer = setTimeout(check, left)
  }

  /**
   * Starts watching for activity and for the coordinators' idle period (once, by the app shell);
   * returns the function that stops both.
   */
  function watchIdle(target: Window = window): () => void {
    watching = true
    const stopSettings = followDataLayer(data => data.settings.watch(s => followSettings(s.idleMinutes)))
    for (const type of ACTIVITY)
      target.addEventListener(type, activity, { passive: true, capture: true })
    target.document.addEventListener('visibilitychange', check)
    activity()
    return () => {
      watching = false
      stopSettings()
      clearTimeout(timer)
      for (const type of ACTIVITY)
        target.removeEventListener(type, activity, { capture: true })
      target.document.removeEventListener('visibilitychange', check)
    }
  }

  return { locked, staff, idleMinutes, load, refreshStaff, lock, unlocked, activity, watchIdle }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useLockStore, import.meta.hot))
