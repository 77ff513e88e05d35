import {
  buildCourse, buildEnrolment, courseAccessReason, isCoordinator, buildSessionSeries, cancelCourseSession, DB, moveCourseSession, newId, withdrawEnrolment, enrolmentId,
  type Course, type CourseInput, type CourseSession, type Enrolment, type MunicipalitySlug, type SessionSeriesInput, type StaffProfile, type Validated,
} from '../../domain'
import { current, writeDocs, type ClassesDeps } from './write'

/** Courses, their sessions and enrolments: validate → outbox → PouchDB → projection. */
export class CourseWriter {
  constructor(private readonly deps: ClassesDeps) {}

  /** A new course with its weekly sessions, stored together in the municipality's database. */
  async create(input: CourseInput, series: SessionSeriesInput, staff: StaffProfile): Promise<Validated<{ course: Course, sessions: CourseSession[] }>> {
    const now = new Date().toISOString()
    const course = buildCourse(input, { id: newId('course'), staff: staff.name, now })
    const sessions = course.ok ? buildSessionSeries(course.value, series, { staff: staff.name, now, newId: () => newId('course-session') }) : null
    const outside = staff.municipalities.includes(input.municipality as MunicipalitySlug) ? [] : [{ path: 'municipality', code: 'notAllowed' }]
    // The server refuses a trainer's course that does not name them: say so now, not after a sync.
    if (course.ok && !isCoordinator(staff) && courseAccessReason(course.value, null, staff.name))
      outside.push({ path: 'trainers', code: 'mustTeach' })
    if (!course.ok || !sessions?.ok || outside.length)
      return { ok: false, issues: [...(course.ok ? [] : course.issues), ...(sessions && !sessions.ok ? sessions.issues : []), ...outside] }
    await writeDocs(this.deps, dbOf(course.value), [course.value, ...sessions.value])
    return { ok: true, value: { course: course.value, sessions: sessions.value } }
  }

  /** Moves one session to another date or time (a cancelled session moved is back on). */
  async moveSession(sessionId: string, to: { date: string, start: string, end: string }, staff: StaffProfile): Promise<Validated<CourseSession>> {
    return this.changeSession(sessionId, s => moveCourseSession(s, to, new Date().toISOString(), staff.name))
  }

  async cancelSession(sessionId: string, staff: StaffProfile): Promise<Validated<CourseSession>> {
    return this.changeSession(sessionId, s => cancelCourseSession(s, new Date().toISOString(), staff.name))
  }

  /** Enrols a resident; a full course puts them on the waiting list (derived, see `placeEnrolments`). */
  async enrol(courseId: string, person: { id: string, name: string }, staff: StaffProfile, walkIn = false): Promise<Validated<Enrolment>> {
    const course = await this.course(courseId)
    const db = dbOf(course)
    const previous = await current<Enrolment>(this.deps, db, enrolmentId(courseId, person.id))
    const built = buildEnrolment({ courseId, personId: person.id, participantName: person.name, walkIn }, previous, { staff: staff.name, now: new Date().toISOString(), municipality: course.municipality })
    if (built.ok && built.value !== previous)
      await writeDocs(this.deps, db, [built.value])
    return built
  }

  async withdraw(courseId: string, personId: string, staff: StaffProfile): Promise<Validated<Enrolment>> {
    const course = await this.course(courseId)
    const previous = await current<Enrolment>(this.deps, dbOf(course), enrolmentId(courseId, personId))
    if (!previous)
      return { ok: false, issues: [{ path: 'personId', code: 'notFound' }] }
    const built = withdrawEnrolment(previous, { staff: staff.name, now: new Date().toISOString() })
    if (built.ok)
      await writeDocs(this.deps, dbOf(course), [built.value])
    return built
  }

  private async changeSession(sessionId: string, change: (s: CourseSession) => Validated<CourseSession>): Promise<Validated<CourseSession>> {
    const row = await this.deps.rm.courseSessions.get(sessionId)
    const session = row ? await current<CourseSession>(this.deps, row.db, sessionId) : null
    if (!row || !session)
      return { ok: false, issues: [{ path: 'sessionId', code: 'notFound' }] }
    const next = change(session)
    if (next.ok)
      await writeDocs(this.deps, row.db, [next.value])
    return next
  }

  private async course(courseId: string): Promise<{ municipality: MunicipalitySlug }> {
    const row = await this.deps.rm.courses.get(courseId)
    if (!row)
      throw new Error(`unknown course ${courseId}`)
    return row
  }
}

export function dbOf(course: { municipality: string }): string {
  return DB.municipality(course.municipality as MunicipalitySlug)
}
