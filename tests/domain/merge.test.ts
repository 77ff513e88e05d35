import { describe, expect, it } from 'vitest'
import { attendanceId, enrolmentId, planResidentMerge, validateAttendance, validateEnrolment, validateHelpSession, validatePerson } from '../../src/domain'
import { makeAttendance } from '../factories/attendance'
import { makeCourse, makeCourseSessions, makeEnrolment } from '../factories/course'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'

const keep = { ...makePerson({ firstName: 'Maria', lastName: 'Peeters', birthYear: 1951 }), _rev: '1-k' }
const { birthYear: _b, ...noYear } = makePerson({ firstName: 'Maria', lastName: 'Peeters', phone: '0470 12 34 56' } as never)
const duplicate = { ...noYear, _rev: '3-d' }
const course = makeCourse()
const [s1, s2] = makeCourseSessions(course)
const now = '2026-04-01T09:00:00.000Z'

function plan(records: Array<{ db: string, doc: Record<string, unknown> & { _id: string } }>, keptFacts: typeof records = []) {
  return planResidentMerge({ keep, duplicate, records, keptFacts, residentsDb: 'dgb-residents', now })
}

describe('merging two records of one resident', () => {
  it('moves sessions to the kept person and deletes the duplicate, filling only blanks of the kept record', () => {
    const session = { ...makeHelpSession({ personId: duplicate._id }), _rev: '1-s' }
    const p = plan([{ db: 'dgb-m-arendonk', doc: session }])
    const person = p.writes[0]!
    expect(person.db).toBe('dgb-residents')
    expect(person.doc).toMatchObject({ _id: keep._id, _rev: '1-k', birthYear: 1951, updatedAt: now })
    expect(validatePerson(person.doc).ok).toBe(true)
    const moved = p.writes[1]!
    expect(moved.doc).toMatchObject({ _id: session._id, _rev: '1-s', personId: keep._id })
    expect(validateHelpSession(moved.doc).ok).toBe(true)
    expect(p.deletes).toEqual([{ db: 'dgb-residents', id: duplicate._id, rev: '3-d' }])
  })

  it('re-creates attendance and enrolments under the kept person\'s id and deletes the old ones', () => {
    const mark = { ...makeAttendance(s1!, duplicate._id), _rev: '1-m' }
    const enrolment = { ...makeEnrolment(course, { personId: duplicate._id, name: 'M. Peeters' }), _rev: '1-e' }
    const p = plan([{ db: 'dgb-m-arendonk', doc: mark }, { db: 'dgb-m-arendonk', doc: enrolment }])
    const ids = p.writes.map(w => w.doc._id)
    expect(ids).toContain(attendanceId(s1!._id, keep._id))
    expect(ids).toContain(enrolmentId(course._id, keep._id))
    for (const w of p.writes.slice(1)) {
      expect(w.doc._rev).toBeUndefined()
      expect((w.doc.kind === 'attendance' ? validateAttendance(w.doc) : validateEnrolment(w.doc)).ok).toBe(true)
    }
    expect(p.writes.find(w => w.doc.kind === 'enrolment')!.doc.participantName).toBe('Maria Peeters')
    expect(p.deletes.map(d => d.id)).toEqual([mark._id, enrolment._id, duplicate._id])
  })

  it('keeps the later mark when both records were marked for the same session', () => {
    const older = { ...makeAttendance(s2!, keep._id, { status: 'afwezig', now: '2026-03-02T09:00:00.000Z' }), _rev: '1-o' }
    const newer = { ...makeAttendance(s2!, duplicate._id, { status: 'aanwezig', now: '2026-03-02T09:30:00.000Z' }), _rev: '1-n' }
    const p = plan([{ db: 'dgb-m-arendonk', doc: newer }], [{ db: 'dgb-m-arendonk', doc: older }])
    const write = p.writes.find(w => w.doc.kind === 'attendance')!
    expect(write.doc).toMatchObject({ _id: older._id, _rev: '1-o', status: 'aanwezig', personId: keep._id })
    const reversed = plan([{ db: 'dgb-m-arendonk', doc: { ...older, _id: attendanceId(s2!._id, duplicate._id), personId: duplicate._id } }], [{ db: 'dgb-m-arendonk', doc: newer }].map(f => ({ ...f, doc: { ...f.doc, _id: attendanceId(s2!._id, keep._id), personId: keep._id } })))
    expect(reversed.writes.filter(w => w.doc.kind === 'attendance')).toEqual([])
    expect(reversed.deletes).toHaveLength(2)
  })

  it('refuses to merge a record with itself', () => {
    expect(() => planResidentMerge({ keep, duplicate: keep, records: [], keptFacts: [], residentsDb: 'dgb-residents', now })).toThrow()
  })
})
