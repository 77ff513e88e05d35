import { liveQuery } from 'dexie'
import type { AttendanceStatus, Course, CourseInput, CourseSession, Enrolment, SessionSeriesInput, StaffProfile, Validated, Attendance } from '../../domain'
import { AttendanceWriter } from './attendance-write'
import { ConflictResolver } from './conflicts'
import { CourseWriter } from './courses-write'
import { courseDetail, hoursFor, listCourses, missingRollCallsFor, rollCall } from './queries'
import type { CourseDetail, CourseRow, CourseScope, MissingRollCall, ParticipantHours, RollCall } from './types'
import type { ClassesDeps } from './write'

export type * from './types'

/** What the app (and other features, e.g. lending's `hoursFor`) may ask of classes and attendance. */
export interface ClassesApi {
  createCourse(input: CourseInput, series: SessionSeriesInput, staff: StaffProfile): Promise<Validated<{ course: Course, sessions: CourseSession[] }>>
  moveSession(sessionId: string, to: { date: string, start: string, end: string }, staff: StaffProfile): Promise<Validated<CourseSession>>
  cancelSession(sessionId: string, staff: StaffProfile): Promise<Validated<CourseSession>>
  enrol(courseId: string, person: { id: string, name: string }, staff: StaffProfile, walkIn?: boolean): Promise<Validated<Enrolment>>
  withdraw(courseId: string, personId: string, staff: StaffProfile): Promise<Validated<Enrolment>>
  mark(sessionId: string, personId: string, change: { status?: AttendanceStatus, note?: string }, staff: StaffProfile): Promise<Validated<Attendance>>
  markAllPresent(sessionId: string, personIds: readonly string[], staff: StaffProfile): Promise<number>
  /** Training hours of a resident (late counts, absent does not), per course and in total. */
  hoursFor(personId: string): Promise<ParticipantHours>
  /** The same, followed live (a mark synced in from another tablet changes it). */
  watchHours(personId: string, cb: (hours: ParticipantHours) => void): () => void
  watchCourses(scope: CourseScope, today: string, cb: (rows: CourseRow[]) => void): () => void
  watchCourse(courseId: string, cb: (detail: CourseDetail | null) => void): () => void
  watchRollCall(sessionId: string, cb: (call: RollCall | null) => void): () => void
  watchMissing(scope: CourseScope, now: () => Date, cb: (rows: MissingRollCall[]) => void): () => void
  close(): void
}

function watch<T>(query: () => Promise<T>, cb: (value: T) => void): () => void {
  const sub = liveQuery(query).subscribe({ next: cb, error: err => console.error('classes query failed', err) })
  return () => sub.unsubscribe()
}

/** Classes and attendance on one device: writers, live queries, and the conflict resolver. */
export function createClasses(deps: ClassesDeps): ClassesApi {
  const courses = new CourseWriter(deps)
  const attendance = new AttendanceWriter(deps)
  const resolver = new ConflictResolver(deps)
  const { rm } = deps
  return {
    createCourse: (input, series, staff) => courses.create(input, series, staff),
    moveSession: (id, to, staff) => courses.moveSession(id, to, staff),
    cancelSession: (id, staff) => courses.cancelSession(id, staff),
    enrol: (courseId, person, staff, walkIn) => courses.enrol(courseId, person, staff, walkIn),
    withdraw: (courseId, personId, staff) => courses.withdraw(courseId, personId, staff),
    mark: (sessionId, personId, change, staff) => attendance.mark(sessionId, personId, change, staff),
    markAllPresent: (sessionId, personIds, staff) => attendance.markAllPresent(sessionId, personIds, staff),
    async hoursFor(personId) {
      await deps.ready
      return hoursFor(rm, personId)
    },
    watchHours: (personId, cb) => watch(() => hoursFor(rm, personId), cb),
    watchCourses: (scope, today, cb) => watch(() => listCourses(rm, scope, today), cb),
    watchCourse: (courseId, cb) => watch(() => courseDetail(rm, courseId), cb),
    watchRollCall: (sessionId, cb) => watch(() => rollCall(rm, sessionId), cb),
    watchMissing: (scope, now, cb) => watch(() => missingRollCallsFor(rm, scope, now()), cb),
    close: () => resolver.close(),
  }
}
