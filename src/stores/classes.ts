import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed } from 'vue'
import { classContactIssues, withClassContact, type AttendanceStatus, type ClassContact, type CourseInput, type Person, type SessionSeriesInput, type Validated } from '../domain'
import type { CourseDetail, CourseRow, CourseScope, MissingRollCall, ParticipantHours, PersonRow, RollCall } from '../data'
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
    moveSession: (id: string, to: { date: string, start: string, end: string }) => classes().moveSession(id, to, staff()),
    cancelSession: (id: string) => classes().cancelSession(id, staff()),
    enrol: (courseId: string, person: { id: string, name: string }, walkIn = false) => classes().enrol(courseId, person, staff(), walkIn),
    withdraw: (courseId: string, personId: string) => classes().withdraw(courseId, personId, staff()),
    mark: (sessionId: string, personId: string, change: { status?: AttendanceStatus, note?: string }) => classes().mark(sessionId, personId, change, staff()),
    markAllPresent: (sessionId: string, personIds: readonly string[]) => classes().markAllPresent(sessionId, personIds, staff()),
    hoursFor: (personId: string): Promise<ParticipantHours> => classes().hoursFor(personId),
    watchHours: (personId: string, cb: (h: ParticipantHours) => void) => classes().watchHours(personId, cb),
    /** Residents from the shared registry, for enrolment and walk-ins, followed live as the registry syncs. */
    watchPeople: (query: string, cb: (rows: PersonRow[]) => void) => useDataLayer().people.watchSearch(query, 8, cb),
    person: (personId: string): Promise<Person | null> => useDataLayer().people.get(personId),
    /** Registers a new resident (the desk's registry) with what a class needs: name, postcode and a way to reach them. */
    registerPerson: (who: { firstName: string, lastName: string, postcode: string, consent: boolean } & ClassContact, municipality: string): Promise<Validated<Person>> => {
      const issues = classContactIssues(who)
      return issues.length ? Promise.resolve({ ok: false, issues }) : useDataLayer().people.create({ ...who, targetGroups: [], devicesOwned: [] }, staff(), municipality)
    },
    /** Adds the phone or e-mail a class needs to a registration that has neither (people `update`). */
    async saveContact(personId: string, contact: ClassContact): Promise<Validated<Person>> {
      const issues = classContactIssues(contact)
      const person = issues.length ? null : await useDataLayer().people.get(personId)
      if (issues.length || !person)
        return { ok: false, issues: issues.length ? issues : [{ path: 'personId', code: 'notFound' }] }
      return useDataLayer().people.update(personId, withClassContact(person, contact), staff())
    },
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useClassesStore, import.meta.hot))
