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

  it('lets a co-trainer move a session someone else planned, naming themselves as the writer', () => {
    expect(checkWrite('dgb-m-arendonk', doc({ ...session!, date: '2026-03-03' }), session!, ine)).toBeNull()
    expect(checkWrite('dgb-m-arendonk', doc({ ...session!, date: '2026-03-03', createdBy: 'ine' }), session!, ine)).toBeNull()
    // A help session keeps its author.
    const help = { _id: 'session:x', kind: 'help-session', createdBy: 'vera' }
    expect(checkWrite('dgb-m-arendonk', doc({ ...help, createdBy: 'ine' }), help, ine)).not.toBeNull()
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

  describe('only the trainers a course names', () => {
    const held = new Map<string, Record<string, unknown>>([[course._id, course], [session!._id, session!]])
    const lookup = (id: string) => held.get(id) ?? null
    const ines = makeCourse({ staff: 'ine', trainers: ['ine'] })
    const [inesSession] = makeCourseSessions(ines, { staff: 'ine' })
    held.set(ines._id, ines)
    held.set(inesSession!._id, inesSession!)

    it('refuses a trainer who does not teach the course its sessions, enrolments and marks', () => {
      const reason = 'only the trainers of this course may write its sessions, enrolments and attendance'
      expect(checkWrite('dgb-m-arendonk', doc(makeAttendance(session!, person, { staff: 'ine' })), null, ine, lookup)).toBe(reason)
      expect(checkWrite('dgb-m-arendonk', doc(makeEnrolment(course, { staff: 'ine' })), null, ine, lookup)).toBe(reason)
      expect(checkWrite('dgb-m-arendonk', doc({ ...session!, date: '2026-03-03' }), session!, ine, lookup)).toBe(reason)
      expect(checkWrite('dgb-m-arendonk', doc(makeAttendance(inesSession!, person, { staff: 'ine' })), null, ine, lookup)).toBeNull()
      expect(checkWrite('dgb-m-arendonk', doc(makeAttendance(session!, person)), null, tom, lookup)).toBeNull()
      expect(checkWrite('dgb-m-arendonk', doc({ ...makeAttendance(session!, person), createdBy: 'carla' }), null, coordinator, lookup)).toBeNull()
    })

    it('refuses a mark whose course is unknown, or whose session belongs to another course', () => {
      const stray = makeCourse({ staff: 'tom' })
      const [straySession] = makeCourseSessions(stray)
      expect(checkWrite('dgb-m-arendonk', doc(makeAttendance(straySession!, person)), null, tom, lookup)).toBe('the course of this record is not on the server')
      const crossed = makeAttendance(inesSession!, person, { staff: 'ine' })
      expect(checkWrite('dgb-m-arendonk', doc({ ...crossed, courseId: course._id }), null, ine, id => id === course._id ? { ...course, trainers: ['tom', 'ine'] } : lookup(id)))
        .toBe('the session of this mark belongs to another course')
    })

    it('lets only a trainer of the course delete a losing mark of another trainer', () => {
      const tomsMark = makeAttendance(session!, person, { staff: 'tom' })
      const stub = doc({ _id: tomsMark._id, _rev: '1-a', _deleted: true })
      expect(checkWrite('dgb-m-arendonk', stub, tomsMark, ine, lookup)).toBe('only the trainers of this course may write its sessions, enrolments and attendance')
      expect(checkWrite('dgb-m-arendonk', stub, tomsMark, ine, id => id === course._id ? { ...course, trainers: ['tom', 'ine'] } : null)).toBeNull()
    })

    it('lets a trainer create a course only when it names them, and change it only when they teach it', () => {
      expect(checkWrite('dgb-m-arendonk', doc(makeCourse({ staff: 'ine', trainers: ['tom'] })), null, ine)).toBe('a trainer may only create a course they teach')
      expect(checkWrite('dgb-m-arendonk', doc({ ...course, trainers: ['tom', 'ine'] }), course, ine)).toBe('only the trainers of this course may change it')
      expect(checkWrite('dgb-m-arendonk', doc({ ...course, capacity: 12 }), course, tom)).toBeNull()
    })

    it('applies the course part only with a lookup: CouchDB validates one document at a time', () => {
      expect(checkWrite('dgb-m-arendonk', doc(makeAttendance(session!, person, { staff: 'ine' })), null, ine)).toBeNull()
    })
  })
})
