import * as v from 'valibot'
import { weeklySessions, type CourseSessionTimes } from './attendance'
import { courseIdPattern, CLASS_ULID } from './course'
import { baseRecordEntries, isoDate } from './records'
import { runSchema, type Validated } from './validation'

/** One class meeting of a course: a date with a start and end time, possibly cancelled. */
export const COURSE_SESSION_KIND = 'course-session'
export const COURSE_SESSION_LIMITS = { maxSeries: 30 } as const

export const courseSessionIdPattern = new RegExp(`^course-session:${CLASS_ULID}$`)
const time = v.pipe(v.string('invalidType'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalidTime'))

export const courseSessionSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(courseSessionIdPattern, 'invalidId')),
    kind: v.literal(COURSE_SESSION_KIND, 'wrongKind'),
    courseId: v.pipe(v.string('invalidType'), v.regex(courseIdPattern, 'invalidId')),
    date: isoDate,
    start: time,
    end: time,
    cancelled: v.optional(v.boolean('invalidType')),
  }),
  // `HH:MM` strings of equal length sort as times.
  v.forward(v.check(s => s.end > s.start, 'endBeforeStart'), ['end']),
)

export type CourseSession = v.InferOutput<typeof courseSessionSchema>

export function validateCourseSession(input: unknown): Validated<CourseSession> {
  return runSchema(courseSessionSchema, input)
}

export interface SessionSeriesInput {
  firstDate: string
  count: number
  start: string
  end: string
}

export interface SeriesStamp {
  staff: string
  now: string
  newId: () => string
}

/** Weekly sessions of a course, made in one step: `count` sessions, 7 days apart, same times. */
export function buildSessionSeries(course: { _id: string, municipality: string }, input: SessionSeriesInput, stamp: SeriesStamp): Validated<CourseSession[]> {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > COURSE_SESSION_LIMITS.maxSeries) {
    const code = !Number.isInteger(input.count) ? 'notWhole' : input.count < 1 ? 'tooSmall' : 'tooLarge'
    return { ok: false, issues: [{ path: 'count', code, limit: input.count < 1 ? 1 : COURSE_SESSION_LIMITS.maxSeries }] }
  }
  // The first date is checked once here, so a bad date gives one issue instead of one per session.
  const first = v.safeParse(isoDate, input.firstDate)
  if (!first.success)
    return { ok: false, issues: [{ path: 'date', code: input.firstDate === '' ? 'required' : 'invalidDate' }] }
  const docs: CourseSession[] = []
  for (const times of weeklySessions(input.firstDate, input.count, input.start, input.end)) {
    const result = validateCourseSession({
      _id: stamp.newId(),
      kind: COURSE_SESSION_KIND,
      schemaVersion: 1,
      createdAt: stamp.now,
      createdBy: stamp.staff,
      updatedAt: stamp.now,
      municipality: course.municipality,
      courseId: course._id,
      ...times,
    })
    if (!result.ok)
      return result
    docs.push(result.value)
  }
  return { ok: true, value: docs }
}

/*
 * A change to a session names its writer in `createdBy` (`by`), as marks and enrolments do: a
 * co-trainer moves a colleague's session, and a tablet pushes only its own account's revisions,
 * so a revision still naming the planner would wait on the co-trainer's tablet for the planner.
 */

/** The session at another date or time; a moved session that was cancelled is back on. */
export function moveCourseSession(session: CourseSession, to: { date: string, start: string, end: string }, now: string, by?: string): Validated<CourseSession> {
  const { cancelled: _cancelled, ...rest } = session
  return validateCourseSession({ ...rest, ...to, updatedAt: now, ...(by ? { createdBy: by } : {}) })
}

export function cancelCourseSession(session: CourseSession, now: string, by?: string): Validated<CourseSession> {
  return validateCourseSession({ ...session, cancelled: true, updatedAt: now, ...(by ? { createdBy: by } : {}) })
}

/** The times of a session document as the hour and roll-call calculations read them. */
export function sessionTimes(session: Pick<CourseSession, '_id' | 'date' | 'start' | 'end' | 'cancelled'>): CourseSessionTimes {
  return { id: session._id, date: session.date, start: session.start, end: session.end, ...(session.cancelled ? { cancelled: true } : {}) }
}
