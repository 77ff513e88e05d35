import { describe, expect, it } from 'vitest'
import { buildCourse, buildSessionSeries, cancelCourseSession, moveCourseSession, newId, teaches, toExcelCsv, validateCourse } from '../../src/domain'
import { makeCourse, makeCourseInput, makeCourseSessions } from '../factories/course'

const stamp = { staff: 'tom', now: '2026-03-01T10:00:00.000Z' }

describe('course', () => {
  it('builds a valid course and drops doubled trainers', () => {
    const result = buildCourse(makeCourseInput({ trainers: ['tom', ' tom ', 'ine'] }), { id: newId('course'), ...stamp })
    expect(result.ok && result.value.trainers).toEqual(['tom', 'ine'])
  })

  it('refuses a course without trainer, with zero seats or an unknown topic', () => {
    const bad = buildCourse(makeCourseInput({ trainers: [], capacity: 0, topic: 'koken' }), { id: newId('course'), ...stamp })
    expect(bad.ok ? [] : bad.issues.map(i => `${i.path}:${i.code}`).sort()).toEqual(['capacity:tooSmall', 'topic:notAllowed', 'trainers:required'])
  })

  it('refuses a course id of another kind', () => {
    expect(validateCourse({ ...makeCourse(), _id: 'session:01J0000000000000000000000A' }).ok).toBe(false)
  })

  it('knows who teaches a course', () => {
    const course = makeCourse({ trainers: ['tom', 'ine'] })
    expect([teaches(course, 'ine'), teaches(course, 'vera')]).toEqual([true, false])
  })
})

describe('course sessions', () => {
  const course = makeCourse()

  it('creates a weekly series in one step, across the change to summer time', () => {
    const result = buildSessionSeries(course, { firstDate: '2026-03-23', count: 3, start: '19:00', end: '21:00' }, { ...stamp, newId: () => newId('course-session') })
    expect(result.ok && result.value.map(s => `${s.date} ${s.start}-${s.end} ${s.courseId === course._id}`)).toEqual([
      '2026-03-23 19:00-21:00 true',
      '2026-03-30 19:00-21:00 true',
      '2026-04-06 19:00-21:00 true',
    ])
  })

  it('refuses an end before the start, a missing date and an empty series', () => {
    const make = (over: object) => buildSessionSeries(course, { firstDate: '2026-03-02', count: 2, start: '10:00', end: '12:00', ...over }, { ...stamp, newId: () => newId('course-session') })
    const codes = (r: ReturnType<typeof make>) => r.ok ? [] : r.issues.map(i => `${i.path}:${i.code}`)
    expect(codes(make({ end: '09:00' }))).toEqual(['end:endBeforeStart'])
    expect(codes(make({ firstDate: '' }))).toEqual(['date:required'])
    expect(codes(make({ firstDate: '2026-02-30' }))).toEqual(['date:invalidDate'])
    expect(codes(make({ count: 0 }))).toEqual(['count:tooSmall'])
    expect(codes(make({ count: 31 }))).toEqual(['count:tooLarge'])
  })

  it('moves one session and cancels another without touching the rest', () => {
    const [first, second] = makeCourseSessions(course)
    const moved = moveCourseSession(first!, { date: '2026-03-04', start: '13:00', end: '15:00' }, stamp.now)
    const cancelled = cancelCourseSession(second!, stamp.now)
    expect(moved.ok && [moved.value._id, moved.value.date, moved.value.start]).toEqual([first!._id, '2026-03-04', '13:00'])
    expect(cancelled.ok && cancelled.value.cancelled).toBe(true)
    const back = cancelled.ok ? moveCourseSession(cancelled.value, { date: '2026-03-10', start: '09:00', end: '11:30' }, stamp.now) : null
    expect(back?.ok && back.value.cancelled).toBeUndefined()
  })
})

describe('attendance list as CSV', () => {
  it('writes Belgian Excel CSV: BOM, semicolons, quoting and no formulas', () => {
    const csv = toExcelCsv([['Naam', 'Uren'], ['Anaïs; "An"', 2.5], ['=SUM(A1)', 'ok']])
    expect(csv).toBe('\uFEFFNaam;Uren\r\n"Anaïs; ""An""";2.5\r\n\'=SUM(A1);ok\r\n')
  })
})
