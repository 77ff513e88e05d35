import { ENROLMENT_KIND, validateEnrolment } from '../../domain'
import type { Projection } from './types'

/**
 * An enrolment as the course page and the roll call need it. `conflicted` is 1 or 0, not a
 * boolean, because IndexedDB cannot index booleans and the conflict resolver looks rows up by it.
 */
export interface EnrolmentRecord {
  id: string
  rev: string
  db: string
  courseId: string
  personId: string
  participantName: string
  enrolledAt: string
  withdrawnAt?: string
  walkIn: boolean
  conflicted: 0 | 1
}

export const enrolmentProjection: Projection<EnrolmentRecord> = {
  table: 'enrolments',
  indexes: 'id, db, courseId, personId, conflicted',
  toRow(db, doc) {
    if (doc.kind !== ENROLMENT_KIND)
      return null
    const result = validateEnrolment(doc)
    if (!result.ok) {
      // The id only: an enrolment carries a name, which does not belong in a log.
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid enrolment; not listed`)
      return null
    }
    const e = result.value
    return {
      id: e._id,
      rev: String(doc._rev),
      db,
      courseId: e.courseId,
      personId: e.personId,
      participantName: e.participantName,
      enrolledAt: e.enrolledAt,
      ...(e.withdrawnAt === undefined ? {} : { withdrawnAt: e.withdrawnAt }),
      walkIn: e.walkIn === true,
      conflicted: Array.isArray(doc._conflicts) && doc._conflicts.length > 0 ? 1 : 0,
    }
  },
}
