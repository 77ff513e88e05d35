import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildEnrolment, enrolmentId, newId, placeEnrolments, resolveEnrolment, validateEnrolment, withdrawEnrolment, type Enrolment } from '../../src/domain'
import { makeCourse, makeEnrolment } from '../factories/course'

describe('enrolment', () => {
  const course = makeCourse({ capacity: 2 })

  it('has one id per course and person, and refuses any other', () => {
    const e = makeEnrolment(course)
    expect(e._id).toBe(enrolmentId(course._id, e.personId))
    expect(validateEnrolment({ ...e, _id: enrolmentId(course._id, newId('person')) }).ok).toBe(false)
  })

  it('gives seats in order of enrolment, puts the rest on a waiting list, and moves up after a withdrawal', () => {
    const [a, b, c, d] = [1, 2, 3, 4].map(() => makeEnrolment(course))
    const places = (list: Array<Enrolment | undefined>) => placeEnrolments(list.map(e => e!), course.capacity).map(p => `${p.enrolment.participantName}:${p.place}${p.waiting ?? ''}`)
    expect(places([d!, c!, b!, a!])).toEqual([`${a!.participantName}:ingeschreven`, `${b!.participantName}:ingeschreven`, `${c!.participantName}:wachtlijst1`, `${d!.participantName}:wachtlijst2`])
    const gone = withdrawEnrolment(a!, { staff: 'tom', now: '2026-03-05T10:00:00.000Z' })
    expect(gone.ok).toBe(true)
    expect(places([gone.ok ? gone.value : a!, b!, c!, d!])).toEqual([`${a!.participantName}:uitgeschreven`, `${b!.participantName}:ingeschreven`, `${c!.participantName}:ingeschreven`, `${d!.participantName}:wachtlijst1`])
  })

  it('seats a walk-in without taking a seat from the enrolled', () => {
    const list = [makeEnrolment(course), makeEnrolment(course), makeEnrolment(course, { walkIn: true })]
    expect(placeEnrolments(list, 2).map(p => p.place)).toEqual(['ingeschreven', 'ingeschreven', 'ingeschreven'])
  })

  it('re-enrols someone who withdrew at the back of the queue, stamped by who re-enrolled', () => {
    const first = makeEnrolment(course, { staff: 'ine' })
    const gone = withdrawEnrolment(first, { staff: 'ine', now: '2026-03-05T10:00:00.000Z' })
    const again = buildEnrolment({ courseId: course._id, personId: first.personId, participantName: first.participantName }, gone.ok ? gone.value : null, { staff: 'tom', now: '2026-03-06T10:00:00.000Z', municipality: 'arendonk' })
    expect(again.ok && [again.value.createdBy, again.value.createdAt, again.value.enrolledAt, again.value.withdrawnAt]).toEqual(['tom', first.createdAt, '2026-03-06T10:00:00.000Z', undefined])
  })

  it('resolves conflicting revisions to the latest change, whatever the order (property)', () => {
    const stamp = fc.integer({ min: 0, max: 100 }).map(n => new Date(1_770_000_000_000 + n * 1000).toISOString())
    fc.assert(fc.property(fc.array(fc.record({ updatedAt: stamp, withdrawn: fc.boolean() }), { minLength: 1, maxLength: 5 }), (revs) => {
      const winner = resolveEnrolment(revs)
      expect(resolveEnrolment([...revs].reverse())).toEqual(winner)
      expect(revs.every(r => r.updatedAt <= winner.updatedAt)).toBe(true)
    }))
  })
})
