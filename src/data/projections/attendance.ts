import { ATTENDANCE_KIND, validateAttendance, type AttendanceStatus } from '../../domain'
import type { Projection } from './types'

/**
 * One attendance mark (session × person). Indexed by session for the roll call, by course for its
 * hours, by person for `hoursFor`, and by `conflicted` (1/0) for the conflict resolver.
 */
export interface AttendanceRecord {
  id: string
  rev: string
  db: string
  courseId: string
  sessionId: string
  personId: string
  status: AttendanceStatus
  markedAt: string
  markedBy: string
  note?: string
  conflicted: 0 | 1
}

export const attendanceProjection: Projection<AttendanceRecord> = {
  table: 'attendance',
  indexes: 'id, db, courseId, sessionId, personId, conflicted',
  toRow(db, doc) {
    if (doc.kind !== ATTENDANCE_KIND)
      return null
    const result = validateAttendance(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid attendance mark; not listed`)
      return null
    }
    const a = result.value
    return {
      id: a._id,
      rev: String(doc._rev),
      db,
      courseId: a.courseId,
      sessionId: a.sessionId,
      personId: a.personId,
      status: a.status,
      markedAt: a.markedAt,
      markedBy: a.markedBy,
      ...(a.note === undefined ? {} : { note: a.note }),
      conflicted: Array.isArray(doc._conflicts) && doc._conflicts.length > 0 ? 1 : 0,
    }
  },
}
