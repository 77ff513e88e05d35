import { ATTENDANCE_KIND } from './attendance'
import { COURSE_KIND } from './course'
import { COURSE_SESSION_KIND } from './course-session'
import { ENROLMENT_KIND } from './enrolment'
import { REFUSALS } from './refusals'

/**
 * Which trainer may write what of a course: only the trainers the course names. Coordinators are
 * decided on before these rules run (they may write everything in their municipalities).
 *
 * A course names its trainers on its own document, so the course's own rule needs nothing else and
 * also holds in CouchDB's `validate_doc_update`. Sessions, enrolments and marks only carry the
 * course id: their rule needs the course document, which the server finds with a `DocLookup`.
 * Without one (CouchDB validates a single document) that part is skipped; see deploy/couchdb.
 */

/** Another document of the same database by id, as the server holds it (null when it has none). */
export type DocLookup = (id: string) => Record<string, unknown> | null

const COURSE_PARTS = new Set([COURSE_SESSION_KIND, ENROLMENT_KIND, ATTENDANCE_KIND])

function trainersOf(course: Record<string, unknown> | null | undefined): readonly unknown[] {
  return Array.isArray(course?.trainers) ? course.trainers : []
}

/**
 * The reason a trainer may not write `doc` (replacing `previous`), or null. For a course: a new one
 * must name its author among the trainers, and only a named trainer may change it (so no one adds
 * themselves to a colleague's course). For its parts: the course must name the writer.
 */
export function courseAccessReason(doc: Record<string, unknown>, previous: Record<string, unknown> | null, name: string | null, lookup?: DocLookup): string | null {
  const kind = String((doc._deleted === true ? previous?.kind : doc.kind) ?? '')
  if (kind === COURSE_KIND) {
    const named = trainersOf(previous ?? doc)
    if (!named.includes(name))
      return previous ? 'only the trainers of this course may change it' : 'a trainer may only create a course they teach'
    return null
  }
  if (!COURSE_PARTS.has(kind) || !lookup)
    return null
  const source = doc._deleted === true ? previous : doc
  const courseId = source?.courseId
  const course = typeof courseId === 'string' ? lookup(courseId) : null
  if (!course || course._deleted === true || course.kind !== COURSE_KIND)
    return REFUSALS.courseMissing
  if (!trainersOf(course).includes(name))
    return REFUSALS.notCourseTrainer
  // A mark names its session too: that session must belong to the same course. A session moved
  // offline can arrive after its marks, so a session the server does not hold yet is let through.
  const session = kind === ATTENDANCE_KIND && typeof source?.sessionId === 'string' ? lookup(source.sessionId) : null
  if (session && session.courseId !== courseId)
    return REFUSALS.markOtherCourse
  return null
}
