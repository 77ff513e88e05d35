import * as v from 'valibot'
import { baseRecordEntries, staffName } from './records'
import { runSchema, type Validated } from './validation'

/**
 * A course (lessenreeks): a series of class sessions in one municipality, given by one or more
 * trainers, for at most `capacity` participants. The sessions are documents of their own
 * (`course-session.ts`), so moving one session never rewrites the course.
 */
export const COURSE_KIND = 'course'

export const COURSE_TOPICS = ['smartphone', 'tablet', 'computer', 'internet', 'email', 'itsme', 'overheid', 'bankieren', 'veiligheid', 'andere'] as const
export const COURSE_LEVELS = ['starter', 'basis', 'gevorderd'] as const

export const COURSE_LIMITS = { maxTitle: 80, maxText: 80, maxTrainers: 5, maxCapacity: 40 } as const

export const CLASS_ULID = '[0-9A-HJKMNP-TV-Z]{26}'
export const courseIdPattern = new RegExp(`^course:${CLASS_ULID}$`)

const text = (max: number) => v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'tooLong'))

export const courseSchema = v.looseObject({
  ...baseRecordEntries,
  _id: v.pipe(v.string(), v.regex(courseIdPattern, 'invalidId')),
  kind: v.literal(COURSE_KIND, 'wrongKind'),
  title: text(COURSE_LIMITS.maxTitle),
  topic: v.picklist(COURSE_TOPICS, 'notAllowed'),
  level: v.picklist(COURSE_LEVELS, 'notAllowed'),
  location: text(COURSE_LIMITS.maxText),
  partner: v.optional(text(COURSE_LIMITS.maxText)),
  trainers: v.pipe(v.array(staffName, 'invalidType'), v.minLength(1, 'required'), v.maxLength(COURSE_LIMITS.maxTrainers, 'tooLong')),
  capacity: v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(1, 'tooSmall'), v.maxValue(COURSE_LIMITS.maxCapacity, 'tooLarge')),
})

export type Course = v.InferOutput<typeof courseSchema>

export function validateCourse(input: unknown): Validated<Course> {
  return runSchema(courseSchema, input)
}

/** What a trainer or coordinator fills in for a new course. */
export interface CourseInput {
  title: string
  topic: string
  level: string
  municipality: string
  location: string
  partner?: string
  trainers: string[]
  capacity: number
}

export interface CourseStamp {
  id: string
  staff: string
  now: string
}

export function buildCourse(input: CourseInput, stamp: CourseStamp): Validated<Course> {
  const partner = input.partner?.trim()
  return validateCourse({
    _id: stamp.id,
    kind: COURSE_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: input.municipality,
    title: input.title,
    topic: input.topic,
    level: input.level,
    location: input.location,
    ...(partner ? { partner } : {}),
    // A trainer listed twice would see the course once anyway; keep the list clean.
    trainers: [...new Set(input.trainers.map(t => t.trim()).filter(Boolean))],
    capacity: input.capacity,
  })
}

/** A trainer sees the courses they teach; a coordinator sees all (decided by the caller). */
export function teaches(course: Pick<Course, 'trainers'>, staff: string): boolean {
  return course.trainers.includes(staff)
}
