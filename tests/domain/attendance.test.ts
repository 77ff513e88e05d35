import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attendanceId, ATTENDANCE_STATUSES, missingRollCalls, nextAttendanceStatus, resolveAttendance, sessionMinutes, trainingHours, weeklySessions, type AttendanceMark } from '../../src/domain'

describe('attendance', () => {
  it('makes one deterministic id per course session and person', () => {
    expect(attendanceId('course-session:01', 'person:02')).toBe('attendance:course-session:01:person:02')
  })

  it('cycles through the four statuses with one tap each', () => {
    let s = nextAttendanceStatus(undefined)
    const seen = [s]
    for (let i = 0; i < 4; i++) {
      s = nextAttendanceStatus(s)
      seen.push(s)
    }
    expect(seen).toEqual(['aanwezig', 'te-laat', 'verontschuldigd', 'afwezig', 'aanwezig'])
  })

  it('resolves a conflict to the latest mark, the same on every tablet (property)', () => {
    const mark = fc.record({
      status: fc.constantFrom(...ATTENDANCE_STATUSES),
      markedAt: fc.integer({ min: 0, max: 10_000 }).map(n => new Date(1_700_000_000_000 + n * 1000).toISOString()),
      markedBy: fc.constantFrom('an', 'bert', 'chris'),
    })
    fc.assert(fc.property(fc.array(mark, { minLength: 1, maxLength: 6 }), (marks: AttendanceMark[]) => {
      const winner = resolveAttendance(marks)
      expect(resolveAttendance([...marks].reverse())).toEqual(winner)
      expect(marks.every(m => m.markedAt <= winner.markedAt)).toBe(true)
    }))
  })

  it('picks the same winner for one person\'s two marks in the same second, in either order', () => {
    const at = '2023-11-15T00:59:56.000Z'
    const present = { status: 'aanwezig' as const, markedAt: at, markedBy: 'an' }
    const excused = { status: 'verontschuldigd' as const, markedAt: at, markedBy: 'an' }
    expect(resolveAttendance([present, excused])).toEqual(present)
    expect(resolveAttendance([excused, present])).toEqual(present)
  })

  it('adds hours for present and late, not for excused, absent or cancelled sessions', () => {
    const sessions = [
      { id: 's1', date: '2026-02-02', start: '09:00', end: '11:30' },
      { id: 's2', date: '2026-02-09', start: '09:00', end: '11:30' },
      { id: 's3', date: '2026-02-16', start: '09:00', end: '11:30' },
      { id: 's4', date: '2026-02-23', start: '09:00', end: '11:30', cancelled: true },
      { id: 's5', date: '2026-03-02', start: '09:00', end: '10:00' },
    ]
    const marks = new Map([['s1', 'aanwezig'], ['s2', 'te-laat'], ['s3', 'verontschuldigd'], ['s4', 'aanwezig'], ['s5', 'afwezig']] as const)
    expect(sessionMinutes(sessions[0]!)).toBe(150)
    expect(trainingHours(sessions, marks)).toBe(5)
  })

  it('creates weekly sessions across a daylight-saving change', () => {
    const sessions = weeklySessions('2026-03-23', 3, '19:00', '21:00')
    expect(sessions.map(s => s.date)).toEqual(['2026-03-23', '2026-03-30', '2026-04-06'])
  })

  it('lists ended sessions without a roll call', () => {
    const sessions = [
      { id: 'past-done', date: '2026-02-02', start: '09:00', end: '11:00' },
      { id: 'past-missing', date: '2026-02-09', start: '09:00', end: '11:00' },
      { id: 'past-cancelled', date: '2026-02-10', start: '09:00', end: '11:00', cancelled: true },
      { id: 'future', date: '2026-12-01', start: '09:00', end: '11:00' },
    ]
    const missing = missingRollCalls(sessions, new Set(['past-done']), new Date('2026-06-01T00:00:00Z'))
    expect(missing.map(s => s.id)).toEqual(['past-missing'])
  })
})
