import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { HelpSession, HelpSessionInput, Validated } from '../domain'
import { forgetStartForm } from '../start-snapshot'
import { useAuthStore } from './auth'
import { followDataLayer, whenDataLayer, type SessionFilter, type SessionRow } from './data'

const LAST_LOCATION_KEY = 'digibalie.lastLocation'

function readLastLocation(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_LOCATION_KEY) ?? null
  }
  catch {
    return null
  }
}

/**
 * Help sessions for the list on screen, kept live from the read model, and the write path.
 * One list is followed at a time: each page shows a single list of sessions.
 */
export const useSessionsStore = defineStore('sessions', () => {
  const rows = ref<SessionRow[]>([])
  const loaded = ref(false)
  /** The location used last on this device, so a volunteer at the same desk does not pick it again. */
  const lastLocation = ref<string | null>(readLastLocation())
  let stopWatching: (() => void) | null = null
  let generation = 0

  /**
   * Follows the rows matching `filter`, replacing whatever was followed before. Returns a stop
   * function that only stops this follow: when one page replaces another, the old page's
   * clean-up must not end the new page's list.
   */
  function follow(filter: SessionFilter): () => void {
    stop()
    const mine = ++generation
    loaded.value = false
    stopWatching = followDataLayer(data => data.sessions.watch(filter, (next) => {
      // A late answer for a filter that was already replaced must not overwrite the current list.
      if (mine !== generation)
        return
      rows.value = next
      loaded.value = true
    }))
    return () => {
      if (mine === generation)
        stop()
    }
  }

  function stop(): void {
    stopWatching?.()
    stopWatching = null
    generation++
  }

  /**
   * Validates and stores a new help session for the signed-in staff member. The form shows before
   * the data layer has loaded (see main.ts): a save pressed that early waits for it here.
   */
  async function create(input: HelpSessionInput): Promise<Validated<HelpSession>> {
    const auth = useAuthStore()
    if (!auth.profile)
      throw new Error('Cannot save a help session without a signed-in profile')
    const profile = auth.profile
    const result = await (await whenDataLayer()).sessions.create(input, profile)
    if (result.ok)
      chooseLocation(input.location)
    return result
  }

  /** A new revision of one of the signed-in staff member's own sessions. */
  async function update(id: string, input: HelpSessionInput): Promise<Validated<HelpSession>> {
    const auth = useAuthStore()
    if (!auth.profile)
      throw new Error('Cannot change a help session without a signed-in profile')
    const profile = auth.profile
    return (await whenDataLayer()).sessions.update(id, input, profile)
  }

  async function get(id: string): Promise<HelpSession | null> {
    return (await whenDataLayer()).sessions.get(id)
  }

  /** Follow-ups due at a location; a separate list from `rows`, so a page can show both. */
  function followUps(location: string, day: string, onRows: (rows: SessionRow[]) => void): () => void {
    return followDataLayer(data => data.sessions.watchFollowUps(location, day, onRows))
  }

  /** Marks the follow-up of one's own session done today (`day`, the local calendar day). */
  function markFollowUpDone(id: string, day: string): Promise<Validated<HelpSession>> {
    const auth = useAuthStore()
    if (!auth.profile)
      throw new Error('Cannot change a help session without a signed-in profile')
    const profile = auth.profile
    return whenDataLayer().then(data => data.sessions.markFollowUpDone(id, day, profile))
  }

  /** Remembers the room chosen at this desk, so the next form and the today view start there. */
  function chooseLocation(location: string): void {
    // The kept form (src/early-form/) shows the room preselected: another one makes it stale.
    if (location !== lastLocation.value)
      forgetStartForm()
    lastLocation.value = location
    try {
      globalThis.localStorage?.setItem(LAST_LOCATION_KEY, location)
    }
    catch {
      // Only a convenience: without storage the first location is preselected next time.
    }
  }

  return { rows, loaded, lastLocation, follow, create, update, get, followUps, markFollowUpDone, chooseLocation }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useSessionsStore, import.meta.hot))
