import { computed, onUnmounted, ref, watch } from 'vue'
import type { PersonRow, SessionRow } from '../../stores/data'
import { useAuthStore } from '../../stores/auth'
import { useDeskConfigStore } from '../../stores/desk-config'
import { usePeopleStore } from '../../stores/people'
import { useSessionsStore } from '../../stores/sessions'

/** Today as a local calendar day, `YYYY-MM-DD`. */
export function localDay(date = new Date()): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
}

/**
 * The volunteer's day at one location: today's sessions there (everyone's, as the desk sees them),
 * counts, follow-ups due and the names of the residents in those lists, all kept live.
 */
export function useToday() {
  const auth = useAuthStore()
  const sessions = useSessionsStore()
  const config = useDeskConfigStore()
  const people = usePeopleStore()
  config.follow()

  const location = ref(config.myLocations.find(l => l.id === sessions.lastLocation)?.id ?? config.myLocations[0]?.id ?? '')
  const day = localDay()
  const followUps = ref<SessionRow[]>([])
  const names = ref(new Map<string, string>())
  const stops: Array<(() => void) | null> = [null, null, null]

  watch(location, (loc) => {
    sessions.chooseLocation(loc)
    stops[0]?.()
    stops[1]?.()
    stops[0] = sessions.follow({ location: loc, from: day, to: day })
    stops[1] = sessions.followUps(loc, day, (rows) => {
      followUps.value = rows
    })
  }, { immediate: true })

  const residentIds = computed(() => [...new Set([...sessions.rows, ...followUps.value].flatMap(r => r.personId ? [r.personId] : []))])
  watch(residentIds, (ids) => {
    stops[2]?.()
    stops[2] = people.watchRows(ids, (rows: PersonRow[]) => {
      names.value = new Map(rows.map(p => [p.id, `${p.firstName} ${p.lastName}`]))
    })
  }, { immediate: true })
  onUnmounted(() => stops.forEach(stop => stop?.()))

  const counts = computed(() => ({
    sessions: sessions.rows.length,
    residents: new Set(sessions.rows.flatMap(r => r.personId ? [r.personId] : [])).size,
    anonymous: sessions.rows.filter(r => !r.personId).length,
    minutes: sessions.rows.reduce((sum, r) => sum + r.durationMinutes, 0),
  }))

  const mine = (row: SessionRow) => row.createdBy === auth.profile?.name
  return { location, locations: computed(() => config.myLocations), rows: computed(() => sessions.rows), loaded: computed(() => sessions.loaded), followUps, names, counts, mine }
}
