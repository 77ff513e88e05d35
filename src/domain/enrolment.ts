import * as v from 'valibot'
import { courseIdPattern, CLASS_ULID } from './course'
import { baseRecordEntries, isoTimestamp } from './records'
import { runSchema, type Validated } from './validation'

/**
 * A resident's enrolment in a course. The id is derived from course and person, so the same
 * person enrolled on two tablets offline is one document (with a conflict) rather than two seats.
 * The enrolment records facts (enrolled at, withdrawn at); whether it holds a seat or waits is
 * derived by `placeEnrolments`, so a withdrawal moves the first on the waiting list up by itself.
 */
export const ENROLMENT_KIND = 'enrolment'
export const ENROLMENT_LIMITS = { maxName: 121 } as const

const personIdPattern = new RegExp(`^person:${CLASS_ULID}$`)

export function enrolmentId(courseId: string, personId: string): string {
  return `enrolment:${courseId}:${personId}`
}

export const enrolmentSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.string(),
    kind: v.literal(ENROLMENT_KIND, 'wrongKind'),
    courseId: v.pipe(v.string('invalidType'), v.regex(courseIdPattern, 'invalidId')),
    personId: v.pipe(v.string('invalidType'), v.regex(personIdPattern, 'invalidId')),
    // The name the trainer reads on the roll call and the certificate; contact details stay in
    // the residents registry, so the municipality database holds no more than a class needs.
    participantName: v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(ENROLMENT_LIMITS.maxName, 'tooLong')),
    enrolledAt: isoTimestamp,
    withdrawnAt: v.optional(isoTimestamp),
    /** Came to a session without enrolling: always has a seat, they are in the room. */
    walkIn: v.optional(v.boolean('invalidType')),
  }),
  v.forward(v.check(e => e._id === enrolmentId(e.courseId, e.personId), 'invalidId'), ['_id']),
)

export type Enrolment = v.InferOutput<typeof enrolmentSchema>

export function validateEnrolment(input: unknown): Validated<Enrolment> {
  return runSchema(enrolmentSchema, input)
}

export interface EnrolmentInput {
  courseId: string
  personId: string
  participantName: string
  walkIn?: boolean
}

export interface EnrolmentStamp {
  staff: string
  now: string
  municipality: string
}

/**
 * A new enrolment, or a re-enrolment of someone who withdrew: then the same document gets a new
 * `enrolledAt` (they join the back of the queue). As for attendance, `createdBy` names who wrote
 * this revision, so a co-trainer's change is pushed from their own tablet.
 */
export function buildEnrolment(input: EnrolmentInput, previous: Enrolment | null, stamp: EnrolmentStamp): Validated<Enrolment> {
  if (previous && previous.withdrawnAt === undefined)
    return { ok: true, value: previous }
  return validateEnrolment({
    _id: enrolmentId(input.courseId, input.personId),
    ...(previous?._rev ? { _rev: previous._rev } : {}),
    kind: ENROLMENT_KIND,
    schemaVersion: 1,
    createdAt: previous?.createdAt ?? stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: stamp.municipality,
    courseId: input.courseId,
    personId: input.personId,
    participantName: input.participantName,
    enrolledAt: stamp.now,
    ...(input.walkIn ? { walkIn: true } : {}),
  })
}

export function withdrawEnrolment(enrolment: Enrolment, stamp: { staff: string, now: string }): Validated<Enrolment> {
  return validateEnrolment({ ...enrolment, withdrawnAt: stamp.now, updatedAt: stamp.now, createdBy: stamp.staff })
}

export type EnrolmentPlace = 'ingeschreven' | 'wachtlijst' | 'uitgeschreven'

export interface PlacedEnrolment<E> {
  enrolment: E
  place: EnrolmentPlace
  /** 1-based position on the waiting list. */
  waiting?: number
}

type Placeable = Pick<Enrolment, 'personId' | 'enrolledAt' | 'withdrawnAt' | 'walkIn'>

/**
 * Seats go to the earliest enrolments still standing, up to `capacity`; walk-ins always have a
 * seat and do not take one from the enrolled. Everyone else waits, in order of enrolment.
 */
export function placeEnrolments<E extends Placeable>(enrolments: readonly E[], capacity: number): PlacedEnrolment<E>[] {
  const order = [...enrolments].sort((a, b) => a.enrolledAt === b.enrolledAt ? (a.personId < b.personId ? -1 : 1) : a.enrolledAt < b.enrolledAt ? -1 : 1)
  let seats = 0
  let waiting = 0
  return order.map((enrolment) => {
    if (enrolment.withdrawnAt !== undefined)
      return { enrolment, place: 'uitgeschreven' }
    if (enrolment.walkIn)
      return { enrolment, place: 'ingeschreven' }
    if (seats < capacity) {
      seats += 1
      return { enrolment, place: 'ingeschreven' }
    }
    waiting += 1
    return { enrolment, place: 'wachtlijst', waiting }
  })
}

/**
 * Conflicting revisions of one enrolment (enrolled on one tablet, withdrawn on another): the
 * latest change wins; equal times fall back to the revision text, so every tablet picks the same.
 */
export function resolveEnrolment<T extends Pick<Enrolment, 'updatedAt'>>(revisions: readonly T[]): T {
  if (revisions.length === 0)
    throw new Error('resolveEnrolment needs at least one revision')
  return revisions.reduce((best, rev) => {
    if (rev.updatedAt !== best.updatedAt)
      return rev.updatedAt > best.updatedAt ? rev : best
    return JSON.stringify(rev) > JSON.stringify(best) ? rev : best
  })
}
