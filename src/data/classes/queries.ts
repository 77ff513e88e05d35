import { hoursPerParticipant, missingRollCalls, placeEnrolments, trainingHours, type AttendanceStatus } from '../../domain'
import type { AttendanceRecord } from '../projections/attendance'
import type { CourseSessionRecord } from '../projections/course-sessions'
import type { CourseRecord } from '../projections/courses'
import type { EnrolmentRecord } from '../projections/enrolments'
import type { ReadModel } from '../read-model'
import type { CourseDetail, CourseRow, CourseScope, MissingRollCall, ParticipantHours, RollCall, CourseSessionRow } from './types'

/*
 * Read-only queries on the Dexie read model. Only Dexie reads happen here, so `liveQuery` re-runs
 * each one when a row it read changes (a mark synced in from another tablet included).
 */

const times = (s: CourseSessionRecord) => ({ id: s.id, date: s.date, start: s.start, end: s.end, cancelled: s.cancelled })
const byTime = (a: CourseSessionRecord, b: CourseSessionRecord) => `${a.date}${a.start}` < `${b.date}${b.start}` ? -1 : 1

function sessionRow(s: CourseSessionRecord, taken: ReadonlySet<string>): CourseSessionRow {
  return { id: s.id, courseId: s.courseId, date: s.date, start: s.start, end: s.end, cancelled: s.cancelled, rollCallTaken: taken.has(s.id) }
}

async function coursesIn(rm: ReadModel, scope: CourseScope): Promise<CourseRecord[]> {
  const rows = scope.all
    ? await rm.courses.where('municipality').anyOf(scope.municipalities).toArray()
    : await rm.courses.where('trainers').equals(scope.staff).toArray()
  return rows.sort((a, b) => a.title.localeCompare(b.title))
}

function courseRow(c: CourseRecord, enrolments: readonly EnrolmentRecord[], next?: CourseSessionRow): CourseRow {
  const places = placeEnrolments(enrolments, c.capacity)
  const { db: _db, rev: _rev, conflicted: _c, ...rest } = c
  return {
    ...rest,
    seated: places.filter(p => p.place === 'ingeschreven').length,
    waiting: places.filter(p => p.place === 'wachtlijst').length,
    ...(next ? { nextSession: next } : {}),
  }
}

/** The courses in scope, with seats taken and the next session from `today` (`YYYY-MM-DD`). */
export async function listCourses(rm: ReadModel, scope: CourseScope, today: string): Promise<CourseRow[]> {
  const courses = await coursesIn(rm, scope)
  return Promise.all(courses.map(async (c) => {
    const [enrolments, sessions] = await Promise.all([
      rm.enrolments.where('courseId').equals(c.id).toArray(),
      rm.courseSessions.where('courseId').equals(c.id).toArray(),
    ])
    const next = sessions.filter(s => !s.cancelled && s.date >= today).sort(byTime)[0]
    return courseRow(c, enrolments, next ? sessionRow(next, new Set()) : undefined)
  }))
}

export async function courseDetail(rm: ReadModel, courseId: string): Promise<CourseDetail | null> {
  const course = await rm.courses.get(courseId)
  if (!course)
    return null
  const [enrolments, sessions, marks] = await Promise.all([
    rm.enrolments.where('courseId').equals(courseId).toArray(),
    rm.courseSessions.where('courseId').equals(courseId).toArray(),
    rm.attendance.where('courseId').equals(courseId).toArray(),
  ])
  const taken = new Set(marks.map(m => m.sessionId))
  const hours = hoursPerParticipant(sessions.map(times), marks)
  const grid: CourseDetail['marks'] = {}
  for (const m of marks)
    (grid[m.sessionId] ??= {})[m.personId] = m.status
  const participants = placeEnrolments(enrolments, course.capacity).map(({ enrolment: e, place, waiting }) => ({
    personId: e.personId,
    name: e.participantName,
    place,
    ...(waiting === undefined ? {} : { waiting }),
    walkIn: e.walkIn,
    hours: hours.get(e.personId) ?? 0,
  }))
  return { course: courseRow(course, enrolments), sessions: sessions.sort(byTime).map(s => sessionRow(s, taken)), participants, marks: grid }
}

/** The roll call of one session: everyone holding a seat, with their mark and its sync state. */
export async function rollCall(rm: ReadModel, sessionId: string): Promise<RollCall | null> {
  const session = await rm.courseSessions.get(sessionId)
  const course = session ? await rm.courses.get(session.courseId) : undefined
  if (!session || !course)
    return null
  const [enrolments, marks] = await Promise.all([
    rm.enrolments.where('courseId').equals(course.id).toArray(),
    rm.attendance.where('sessionId').equals(sessionId).toArray(),
  ])
  const byPerson = new Map<string, AttendanceRecord>(marks.map(m => [m.personId, m]))
  const waiting = await rm.outbox.bulkGet(marks.map(m => m.id))
  const pending = new Set(marks.filter((_, i) => waiting[i] !== undefined).map(m => m.personId))
  const entries = placeEnrolments(enrolments, course.capacity)
    .filter(p => p.place === 'ingeschreven' || byPerson.has(p.enrolment.personId))
    .map(({ enrolment: e }) => {
      const mark = byPerson.get(e.personId)
      return {
        personId: e.personId,
        name: e.participantName,
        walkIn: e.walkIn,
        ...(mark ? { status: mark.status } : {}),
        ...(mark?.note ? { note: mark.note } : {}),
        pending: pending.has(e.personId),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
  return { course: courseRow(course, enrolments), session: sessionRow(session, new Set(marks.length ? [sessionId] : [])), entries }
}

/** Ended sessions of the courses in scope that have no mark at all. */
export async function missingRollCallsFor(rm: ReadModel, scope: CourseScope, now: Date): Promise<MissingRollCall[]> {
  const courses = await coursesIn(rm, scope)
  const out: MissingRollCall[] = []
  for (const c of courses) {
    const sessions = await rm.courseSessions.where('courseId').equals(c.id).toArray()
    const marked = new Set((await rm.attendance.where('courseId').equals(c.id).toArray()).map(m => m.sessionId))
    const missing = new Set(missingRollCalls(sessions.map(times), marked, now).map(s => s.id))
    for (const s of sessions.sort(byTime).filter(s => missing.has(s.id)))
      out.push({ courseId: c.id, courseTitle: c.title, session: sessionRow(s, marked) })
  }
  return out
}

/** A resident's training hours, per course and in total, from every mark on this device. */
export async function hoursFor(rm: ReadModel, personId: string): Promise<ParticipantHours> {
  const marks = await rm.attendance.where('personId').equals(personId).toArray()
  const sessions = (await rm.courseSessions.bulkGet([...new Set(marks.map(m => m.sessionId))])).filter(s => s !== undefined)
  const courseIds = [...new Set(marks.map(m => m.courseId))]
  const courses = await rm.courses.bulkGet(courseIds)
  const perCourse = courseIds.map((courseId, i) => {
    const own = new Map<string, AttendanceStatus>(marks.filter(m => m.courseId === courseId).map(m => [m.sessionId, m.status]))
    const held = sessions.filter(s => s.courseId === courseId)
    // The dates shown are those of the lessons that count, the same ones the hours add up.
    const attended = held.filter(s => trainingHours([times(s)], own) > 0).map(s => s.date).sort()
    return {
      courseId,
      title: courses[i]?.title ?? '',
      hours: trainingHours(held.map(times), own),
      attended: attended.length,
      ...(attended.length ? { first: attended[0]!, last: attended[attended.length - 1]! } : {}),
    }
  })
  const total = Math.round(perCourse.reduce((sum, c) => sum + c.hours, 0) * 100) / 100
  return { personId, total, courses: perCourse }
}
