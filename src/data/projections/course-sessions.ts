import { COURSE_SESSION_KIND, validateCourseSession } from '../../domain'
import type { Projection } from './types'

/** One class meeting, by course and by date (for the missing roll calls of a municipality). */
export interface CourseSessionRecord {
  id: string
  rev: string
  db: string
  courseId: string
  municipality: string
  date: string
  start: string
  end: string
  cancelled: boolean
}

export const courseSessionProjection: Projection<CourseSessionRecord> = {
  table: 'courseSessions',
  indexes: 'id, db, courseId, date',
  toRow(db, doc) {
    if (doc.kind !== COURSE_SESSION_KIND)
      return null
    const result = validateCourseSession(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid course session; not listed`)
      return null
    }
    const s = result.value
    return { id: s._id, rev: String(doc._rev), db, courseId: s.courseId, municipality: s.municipality, date: s.date, start: s.start, end: s.end, cancelled: s.cancelled === true }
  },
}
