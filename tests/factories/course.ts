import {
  buildCourse, buildEnrolment, buildSessionSeries, newId,
  type Course, type CourseInput, type CourseSession, type Enrolment, type SessionSeriesInput,
} from '../../src/domain'

let counter = 0
const NOW = '2026-03-02T08:00:00.000Z'

function unwrap<T>(what: string, result: { ok: true, value: T } | { ok: false, issues: Array<{ path: string, code: string }> }): T {
  if (!result.ok)
    throw new Error(`${what}: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}

/** What a coordinator fills in for a course: a smartphone class in Arendonk, taught by `tom`. */
export function makeCourseInput(overrides: Partial<CourseInput> = {}): CourseInput {
  counter += 1
  return {
    title: `Starten met je smartphone ${counter}`,
    topic: 'smartphone',
    level: 'starter',
    municipality: 'arendonk',
    location: 'Bibliotheek Arendonk, zaal 2',
    partner: 'CVO Kempen',
    trainers: ['tom'],
    capacity: 8,
    ...overrides,
  }
}

/** A valid course document, built the way the app builds one. */
export function makeCourse(overrides: Partial<CourseInput> & { staff?: string, now?: string } = {}): Course {
  const { staff = 'tom', now = NOW, ...input } = overrides
  return unwrap('makeCourse', buildCourse(makeCourseInput(input), { id: newId('course'), staff, now }))
}

/** Weekly sessions of `course` (default: 4 Mondays from 2 March 2026, 09:00-11:30). */
export function makeCourseSessions(course: Course, overrides: Partial<SessionSeriesInput> & { staff?: string } = {}): CourseSession[] {
  const { staff = 'tom', ...series } = overrides
  return unwrap('makeCourseSessions', buildSessionSeries(course, { firstDate: '2026-03-02', count: 4, start: '09:00', end: '11:30', ...series }, { staff, now: NOW, newId: () => newId('course-session') }))
}

/** An enrolment of a new (made-up) person in `course`. */
export function makeEnrolment(course: Course, overrides: { personId?: string, name?: string, staff?: string, now?: string, walkIn?: boolean } = {}): Enrolment {
  counter += 1
  const personId = overrides.personId ?? newId('person')
  const now = overrides.now ?? new Date(Date.parse(NOW) + counter * 1000).toISOString()
  return unwrap('makeEnrolment', buildEnrolment(
    { courseId: course._id, personId, participantName: overrides.name ?? `Deelnemer ${counter}`, ...(overrides.walkIn ? { walkIn: true } : {}) },
    null,
    { staff: overrides.staff ?? 'tom', now, municipality: course.municipality },
  ))
}
