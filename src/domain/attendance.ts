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
 * fall back to the staff name so every tablet picks the same winner.
 */
export function resolveAttendance<T extends AttendanceMark>(revisions: readonly T[]): T {
  if (revisions.length === 0)
    throw new Error('resolveAttendance needs at least one revision')
  return revisions.reduce((best, rev) => {
    if (rev.markedAt !== best.markedAt)
      return rev.markedAt > best.markedAt ? rev : best
    return rev.markedBy > best.markedBy ? rev : best
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
