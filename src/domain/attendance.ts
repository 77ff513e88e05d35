import * as v from 'valibot'
import { baseRecordEntries, isoTimestamp, staffName } from './records'
import { runSchema, type Validated } from './validation'

/**
 * Attendance marks and training hours. One document per course session × person, with a
 * deterministic id, so two trainers marking the same learner offline produce one document with a
 * conflict (resolved here: the latest mark wins) instead of two marks that would count twice.
 */
export const ATTENDANCE_STATUSES = ['aanwezig', 'te-laat', 'verontschuldigd', 'afwezig'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]

export function attendanceId(courseSessionId: string, personId: string): string {
  return `attendance:${courseSessionId}:${personId}`
}

/** One tap moves to the next status, so a roll call is a tap per learner. */
export function nextAttendanceStatus(current: AttendanceStatus | undefined): AttendanceStatus {
  if (current === undefined)
    return 'aanwezig'
  const index = ATTENDANCE_STATUSES.indexOf(current)
  return ATTENDANCE_STATUSES[(index + 1) % ATTENDANCE_STATUSES.length]!
}

/** Late still counts as attended; excused and absent do not. */
export function countsAsAttended(status: AttendanceStatus): boolean {
  return status === 'aanwezig' || status === 'te-laat'
}

export interface AttendanceMark {
  status: AttendanceStatus
  markedAt: string
  markedBy: string
  note?: string | undefined
}

/**
 * Resolves conflicting revisions of one attendance document: the latest `markedAt` wins; equal times
 * fall back to the staff name, and one person's two marks in the same second (on two tablets) to the
 * status that gives the learner the most (present, late, excused, absent), so every tablet picks
 * the same winner whatever order it sees the revisions in.
 */
export function resolveAttendance<T extends AttendanceMark>(revisions: readonly T[]): T {
  if (revisions.length === 0)
    throw new Error('resolveAttendance needs at least one revision')
  return revisions.reduce((best, rev) => {
    if (rev.markedAt !== best.markedAt)
      return rev.markedAt > best.markedAt ? rev : best
    if (rev.markedBy !== best.markedBy)
      return rev.markedBy > best.markedBy ? rev : best
    return ATTENDANCE_STATUSES.indexOf(rev.status) < ATTENDANCE_STATUSES.indexOf(best.status) ? rev : best
  })
}

export interface CourseSessionTimes {
  id: string
  date: string
  start: string
  end: string
  cancelled?: boolean | undefined
}

/** Minutes between two `HH:MM` times on the same day. */
export function sessionMinutes(session: Pick<CourseSessionTimes, 'start' | 'end'>): number {
  const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  return Math.max(0, toMinutes(session.end) - toMinutes(session.start))
}

/** Training hours of one participant: the summed length of the sessions they attended, in hours. */
export function trainingHours(sessions: readonly CourseSessionTimes[], marks: ReadonlyMap<string, AttendanceStatus>): number {
  let minutes = 0
  for (const session of sessions) {
    const status = marks.get(session.id)
    if (!session.cancelled && status !== undefined && countsAsAttended(status))
      minutes += sessionMinutes(session)
  }
  return Math.round((minutes / 60) * 100) / 100
}

/**
 * Weekly sessions from a first date: `count` sessions, one every 7 days, same times. Dates are
 * calendar dates (`YYYY-MM-DD`), computed in UTC so a daylight-saving change moves nothing.
 */
export function weeklySessions(firstDate: string, count: number, start: string, end: string): Array<Omit<CourseSessionTimes, 'id'>> {
  const first = Date.parse(`${firstDate}T00:00:00Z`)
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(first + i * 7 * 86_400_000).toISOString().slice(0, 10),
    start,
    end,
  }))
}

/** Sessions that have ended, were not cancelled and have no attendance taken. */
export function missingRollCalls<S extends CourseSessionTimes>(sessions: readonly S[], withAttendance: ReadonlySet<string>, now: Date): S[] {
  return sessions.filter((s) => {
    const ended = Date.parse(`${s.date}T${s.end}:00`) <= now.getTime()
    return ended && !s.cancelled && !withAttendance.has(s.id)
  })
}

export const ATTENDANCE_KIND = 'attendance'
export const ATTENDANCE_LIMITS = { maxNote: 200 } as const

const ULID_PART = '[0-9A-HJKMNP-TV-Z]{26}'
const attendanceIdPattern = new RegExp(`^attendance:course-session:${ULID_PART}:person:${ULID_PART}$`)

export const attendanceSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(attendanceIdPattern, 'invalidId')),
    kind: v.literal(ATTENDANCE_KIND, 'wrongKind'),
    courseId: v.pipe(v.string('invalidType'), v.regex(new RegExp(`^course:${ULID_PART}$`), 'invalidId')),
    sessionId: v.string('invalidType'),
    personId: v.string('invalidType'),
    status: v.picklist(ATTENDANCE_STATUSES, 'notAllowed'),
    markedAt: isoTimestamp,
    markedBy: staffName,
    note: v.optional(v.pipe(v.string('invalidType'), v.maxLength(ATTENDANCE_LIMITS.maxNote, 'tooLong'))),
  }),
  v.forward(v.check(a => a._id === attendanceId(a.sessionId, a.personId), 'invalidId'), ['_id']),
)

export type Attendance = v.InferOutput<typeof attendanceSchema>

export function validateAttendance(input: unknown): Validated<Attendance> {
  return runSchema(attendanceSchema, input)
}

export interface AttendanceInput {
  courseId: string
  sessionId: string
  personId: string
  status: AttendanceStatus
  /** Undefined keeps the note already there; '' removes it. */
  note?: string
}

/**
 * A mark for one participant in one session. `previous` is the mark already on this tablet: the
 * new one is written on top of it (with its `_rev`), so a tablet never holds two marks for one
 * person. `createdBy` names who wrote this revision (a tablet pushes its own account's revisions,
 * and co-trainers change each other's marks); `createdAt` stays the first mark's time.
 */
export function buildAttendance(input: AttendanceInput, previous: Attendance | null, stamp: { staff: string, now: string, municipality: string }): Validated<Attendance> {
  const note = (input.note ?? previous?.note ?? '').trim()
  return validateAttendance({
    _id: attendanceId(input.sessionId, input.personId),
    ...(previous?._rev ? { _rev: previous._rev } : {}),
    kind: ATTENDANCE_KIND,
    schemaVersion: 1,
    createdAt: previous?.createdAt ?? stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: stamp.municipality,
    courseId: input.courseId,
    sessionId: input.sessionId,
    personId: input.personId,
    status: input.status,
    markedAt: stamp.now,
    markedBy: stamp.staff,
    ...(note ? { note } : {}),
  })
}

/** Training hours of every participant of a set of sessions, from their marks. */
export function hoursPerParticipant(sessions: readonly CourseSessionTimes[], marks: ReadonlyArray<{ sessionId: string, personId: string, status: AttendanceStatus }>): Map<string, number> {
  const byPerson = new Map<string, Map<string, AttendanceStatus>>()
  for (const mark of marks) {
    const own = byPerson.get(mark.personId) ?? new Map<string, AttendanceStatus>()
    own.set(mark.sessionId, mark.status)
    byPerson.set(mark.personId, own)
  }
  return new Map([...byPerson].map(([person, own]) => [person, trainingHours(sessions, own)]))
}
