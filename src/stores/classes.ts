import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed } from 'vue'
import type { AttendanceStatus, CourseInput, SessionSeriesInput } from '../domain'
import type { CourseDetail, CourseRow, CourseScope, MissingRollCall, ParticipantHours, RollCall } from '../data'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

export type { CourseDetail, CourseRow, CourseSessionRow, MissingRollCall, ParticipantHours, ParticipantRow, RollCall, RollCallEntry } from '../data'

/**
 * Classes and attendance: thin calls into the data layer, stamped with the signed-in staff member.
 * Lists are followed by the page that shows them (`watch*` returns the stop function), since a
 * trainer looks at one course or one roll call at a time.
 */
export const useClassesStore = defineStore('classes', () => {
  const auth = useAuthStore()
  const classes = () => useDataLayer().classes

  function staff() {
    if (!auth.profile)
      throw new Error('Classes need a signed-in profile')
    return auth.profile
  }

  /** A trainer sees the courses they teach; a coordinator sees all of their municipalities. */
  const scope = computed<CourseScope>(() => ({ staff: auth.profile?.name ?? '', all: auth.coordinator, municipalities: auth.profile?.municipalities ?? [] }))
  const today = () => new Date().toLocaleDateString('sv-SE')

  return {
    scope,
    watchCourses: (cb: (rows: CourseRow[]) => void) => classes().watchCourses(scope.value, today(), cb),
    watchMissing: (cb: (rows: MissingRollCall[]) => void) => classes().watchMissing(scope.value, () => new Date(), cb),
    watchCourse: (id: string, cb: (d: CourseDetail | null) => void) => classes().watchCourse(id, cb),
    watchRollCall: (id: string, cb: (c: RollCall | null) => void) => classes().watchRollCall(id, cb),
    createCourse: (input: CourseInput, series: SessionSeriesInput) => classes().createCourse(input, series, staff()),
    moveSession: (id: string, to: { date: string, start: string, end: string }) => classes().moveSession(id, to),
    cancelSession: (id: string) => classes().cancelSession(id),
    enrol: (courseId: string, person: { id: string, name: string }, walkIn = false) => classes().enrol(courseId, person, staff(), walkIn),
    withdraw: (courseId: string, personId: string) => classes().withdraw(courseId, personId, staff()),
    mark: (sessionId: string, personId: string, change: { status?: AttendanceStatus, note?: string }) => classes().mark(sessionId, personId, change, staff()),
    markAllPresent: (sessionId: string, personIds: readonly string[]) => classes().markAllPresent(sessionId, personIds, staff()),
    hoursFor: (personId: string): Promise<ParticipantHours> => classes().hoursFor(personId),
    /** Residents from the shared registry, for enrolment and walk-ins. */
    searchPeople: (query: string) => useDataLayer().people.search(query, 8),
    /** Registers a new resident (the desk's registry) with what a class needs: name and postcode. */
    registerPerson: (who: { firstName: string, lastName: string, postcode: string, consent: boolean }, municipality: string) =>
      useDataLayer().people.create({ ...who, targetGroups: [], devicesOwned: [] }, staff(), municipality),
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useClassesStore, import.meta.hot))
