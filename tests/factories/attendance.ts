import { buildAttendance, type Attendance, type AttendanceStatus, type CourseSession } from '../../src/domain'

/** An attendance mark for one participant in one session, as a trainer's tap writes it. */
export function makeAttendance(session: CourseSession, personId: string, overrides: { status?: AttendanceStatus, staff?: string, now?: string, note?: string, previous?: Attendance } = {}): Attendance {
  const result = buildAttendance(
    { courseId: session.courseId, sessionId: session._id, personId, status: overrides.status ?? 'aanwezig', ...(overrides.note === undefined ? {} : { note: overrides.note }) },
    overrides.previous ?? null,
    { staff: overrides.staff ?? 'tom', now: overrides.now ?? '2026-03-02T09:05:00.000Z', municipality: session.municipality },
  )
  if (!result.ok)
    throw new Error(`makeAttendance: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}
