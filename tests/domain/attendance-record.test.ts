import { describe, expect, it } from 'vitest'
import { attendanceId, buildAttendance, hoursPerParticipant, missingRollCalls, newId, resolveAttendance, sessionTimes, validateAttendance } from '../../src/domain'
import { makeAttendance } from '../factories/attendance'
import { makeCourse, makeCourseSessions } from '../factories/course'

describe('attendance records', () => {
  const course = makeCourse()
  const sessions = makeCourseSessions(course)
  const person = newId('person')

  it('stores a mark under the deterministic id of session and person', () => {
    const mark = makeAttendance(sessions[0]!, person)
    expect(mark._id).toBe(attendanceId(sessions[0]!._id, person))
    expect(validateAttendance({ ...mark, _id: attendanceId(sessions[1]!._id, person) }).ok).toBe(false)
  })

  it('writes a new mark on top of the previous one, keeping its rev, first time and note, stamped by its writer', () => {
    const first = { ...makeAttendance(sessions[0]!, person, { staff: 'ine', note: 'komt met de bus' }), _rev: '1-abc' }
    const next = buildAttendance({ courseId: course._id, sessionId: sessions[0]!._id, personId: person, status: 'te-laat' }, first, { staff: 'tom', now: '2026-03-02T09:20:00.000Z', municipality: 'arendonk' })
    expect(next.ok && [next.value._rev, next.value.createdAt, next.value.createdBy, next.value.markedBy, next.value.status, next.value.note]).toEqual(['1-abc', first.createdAt, 'tom', 'tom', 'te-laat', 'komt met de bus'])
  })

  it('refuses a note longer than 200 characters', () => {
    const long = buildAttendance({ courseId: course._id, sessionId: sessions[0]!._id, personId: person, status: 'aanwezig', note: 'x'.repeat(201) }, null, { staff: 'tom', now: '2026-03-02T09:20:00.000Z', municipality: 'arendonk' })
    expect(long.ok ? [] : long.issues.map(i => `${i.path}:${i.code}`)).toEqual(['note:tooLong'])
  })

  it('resolves two trainers marking the same person to the later mark', () => {
    const early = makeAttendance(sessions[0]!, person, { staff: 'tom', status: 'afwezig', now: '2026-03-02T09:01:00.000Z' })
    const late = makeAttendance(sessions[0]!, person, { staff: 'ine', status: 'te-laat', now: '2026-03-02T09:15:00.000Z' })
    expect(resolveAttendance([late, early]).status).toBe('te-laat')
    expect(resolveAttendance([early, late]).markedBy).toBe('ine')
  })

  it('totals hours per participant: late counts, excused and absent do not', () => {
    const other = newId('person')
    const marks = [
      makeAttendance(sessions[0]!, person, { status: 'aanwezig' }),
      makeAttendance(sessions[1]!, person, { status: 'te-laat' }),
      makeAttendance(sessions[2]!, person, { status: 'afwezig' }),
      makeAttendance(sessions[0]!, other, { status: 'verontschuldigd' }),
    ]
    const hours = hoursPerParticipant(sessions.map(sessionTimes), marks)
    expect([hours.get(person), hours.get(other)]).toEqual([5, 0])
  })

  it('lists the past sessions of a course that have no marks yet', () => {
    const marked = new Set([sessions[0]!._id])
    const missing = missingRollCalls(sessions.map(sessionTimes), marked, new Date('2026-03-17T12:00:00'))
    expect(missing.map(s => s.date)).toEqual(['2026-03-09', '2026-03-16'])
  })
})
