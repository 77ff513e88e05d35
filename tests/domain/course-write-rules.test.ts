import { describe, expect, it } from 'vitest'
import { checkWrite, type IncomingDoc, type UserCtx } from '../../src/domain'
import { makeAttendance } from '../factories/attendance'
import { makeCourse, makeCourseSessions, makeEnrolment } from '../factories/course'

const tom: UserCtx = { name: 'tom', roles: ['trainer', 'm:arendonk'] }
const ine: UserCtx = { name: 'ine', roles: ['trainer', 'm:arendonk'] }
const vera: UserCtx = { name: 'vera', roles: ['volunteer', 'm:arendonk'] }
const coordinator: UserCtx = { name: 'carla', roles: ['coordinator'] }
const doc = (d: object) => d as IncomingDoc

describe('write rules for classes', () => {
  const course = makeCourse({ staff: 'tom' })
  const [session] = makeCourseSessions(course)
  const person = makeEnrolment(course).personId

  it('lets trainers and coordinators write courses, sessions, enrolments and marks in their municipality', () => {
    for (const record of [course, session!, makeEnrolment(course), makeAttendance(session!, person)]) {
      expect(checkWrite('dgb-m-arendonk', doc(record), null, tom)).toBeNull()
      expect(checkWrite('dgb-m-arendonk', doc({ ...record, createdBy: 'carla' }), null, coordinator)).toBeNull()
      expect(checkWrite('dgb-m-arendonk', doc(record), null, vera)).toBe('your role may not write this record kind')
      expect(checkWrite('dgb-m-ravels', doc(record), null, tom)).toBe('record belongs to another municipality')
    }
  })

  it('refuses a course stored outside its municipality database or in the residents database', () => {
    expect(checkWrite('dgb-residents', doc(course), null, tom)).toBe('record kind not allowed in this database')
  })

  it('lets a co-trainer move a session someone else planned', () => {
    expect(checkWrite('dgb-m-arendonk', doc({ ...session!, date: '2026-03-03' }), session!, ine)).toBeNull()
  })

  it('accepts a second trainer\'s offline mark of the same person as a sibling revision', () => {
    const tomsMark = makeAttendance(session!, person, { staff: 'tom' })
    const inesMark = makeAttendance(session!, person, { staff: 'ine', status: 'te-laat' })
    expect(checkWrite('dgb-m-arendonk', doc(inesMark), tomsMark, ine)).toBeNull()
  })

  it('still refuses a help session whose author is changed', () => {
    const help = { _id: 'session:x', kind: 'help-session', createdBy: 'vera' }
    expect(checkWrite('dgb-m-arendonk', doc({ ...help, createdBy: 'ine', _deleted: true }), help, ine)).toBe('only the author or a coordinator may delete this record')
  })

  it('lets a trainer delete a losing mark of another trainer, but not a volunteer', () => {
    const tomsMark = makeAttendance(session!, person, { staff: 'tom' })
    const stub = doc({ _id: tomsMark._id, _rev: '1-a', _deleted: true })
    expect(checkWrite('dgb-m-arendonk', stub, tomsMark, ine)).toBeNull()
    expect(checkWrite('dgb-m-arendonk', stub, tomsMark, vera)).toBe('only the author or a coordinator may delete this record')
    expect(checkWrite('dgb-m-arendonk', doc({ _id: course._id, _deleted: true }), course, ine)).toBe('only the author or a coordinator may delete this record')
  })
})
