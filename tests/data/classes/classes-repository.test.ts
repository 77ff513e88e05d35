import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId, profileFromCtx } from '../../../src/domain'
import type { CourseDetail, DataLayer, RollCall } from '../../../src/data'
import { makeCourseInput } from '../../factories/course'
import { newDevice } from '../helpers/device'

// The classes data layer on one tablet: real PouchDB on fake-indexeddb, no server (offline).
const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

const tom = profileFromCtx({ name: 'tom', roles: ['trainer', 'm:arendonk'] })!
const carla = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!

function latest<T>(subscribe: (cb: (v: T) => void) => () => void) {
  let value: T | undefined
  const stop = subscribe((v) => {
    value = v
  })
  return { get: () => value, stop }
}

async function courseWithPeople(data: DataLayer, capacity: number, names: string[]) {
  const created = await data.classes.createCourse(makeCourseInput({ capacity }), { firstDate: '2026-03-02', count: 4, start: '09:00', end: '11:30' }, tom)
  if (!created.ok)
    throw new Error(JSON.stringify(created.issues))
  const people = names.map(name => ({ id: newId('person'), name }))
  for (const person of people)
    expect((await data.classes.enrol(created.value.course._id, person, tom)).ok).toBe(true)
  return { ...created.value, people }
}

describe('classes on one tablet', () => {
  it('creates a course with its weekly sessions, a waiting list when full, and moves up after a withdrawal', async () => {
    const { data } = newDevice()
    open.push(data)
    const { course, people } = await courseWithPeople(data, 2, ['An Peeters', 'Bart Claes', 'Chris Wouters'])
    const detail = latest<CourseDetail | null>(cb => data.classes.watchCourse(course._id, cb))
    await vi.waitFor(() => expect(detail.get()?.sessions.map(s => s.date)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']))
    expect(detail.get()!.participants.map(p => `${p.name}:${p.place}`)).toEqual(['An Peeters:ingeschreven', 'Bart Claes:ingeschreven', 'Chris Wouters:wachtlijst'])

    await data.classes.withdraw(course._id, people[0]!.id, tom)
    await vi.waitFor(() => expect(detail.get()!.participants.map(p => p.place)).toEqual(['uitgeschreven', 'ingeschreven', 'ingeschreven']))

    const [, second, third] = detail.get()!.sessions
    // Ine, a co-trainer, moves Tom's session: the revision names her, so her tablet pushes it.
    const ine = profileFromCtx({ name: 'ine', roles: ['trainer', 'm:arendonk'] })!
    const moved = await data.classes.moveSession(second!.id, { date: '2026-03-11', start: '13:00', end: '15:00' }, ine)
    expect(moved.ok && moved.value.createdBy).toBe('ine')
    expect((await data.classes.cancelSession(third!.id, tom)).ok).toBe(true)
    await vi.waitFor(() => expect(detail.get()!.sessions.map(s => `${s.date} ${s.start} ${s.cancelled}`)).toEqual([
      '2026-03-02 09:00 false', '2026-03-11 13:00 false', '2026-03-16 09:00 true', '2026-03-23 09:00 false',
    ]))
    detail.stop()
  })

  it('takes a roll call: one mark per person, everyone present in one step, a walk-in, hours and missing roll calls', async () => {
    const { data } = newDevice()
    open.push(data)
    const { course, sessions, people } = await courseWithPeople(data, 10, ['An Peeters', 'Bart Claes'])
    const [first, second] = sessions
    const call = latest<RollCall | null>(cb => data.classes.watchRollCall(first!._id, cb))
    await vi.waitFor(() => expect(call.get()?.entries.map(e => e.name)).toEqual(['An Peeters', 'Bart Claes']))

    await data.classes.mark(first!._id, people[0]!.id, { status: 'afwezig' }, tom)
    await data.classes.mark(first!._id, people[0]!.id, { status: 'te-laat', note: 'trein had vertraging' }, tom)
    const walkIn = { id: newId('person'), name: 'Dina Janssens' }
    await data.classes.enrol(course._id, walkIn, tom, true)
    expect(await data.classes.markAllPresent(first!._id, [people[0]!.id, people[1]!.id, walkIn.id], tom)).toBe(2)
    await vi.waitFor(() => expect(call.get()!.entries.map(e => `${e.name}:${e.status}:${e.note ?? ''}:${e.pending}`)).toEqual([
      'An Peeters:te-laat:trein had vertraging:true', 'Bart Claes:aanwezig::true', 'Dina Janssens:aanwezig::true',
    ]))
    await data.classes.mark(second!._id, people[0]!.id, { status: 'afwezig' }, tom)

    const an = await data.classes.hoursFor(people[0]!.id)
    // Late on 2 March counts, absent on 9 March does not: one lesson, dated, for her page.
    expect(an).toMatchObject({ total: 2.5, courses: [{ courseId: course._id, title: course.title, hours: 2.5, attended: 1, first: '2026-03-02', last: '2026-03-02' }] })
    const live = latest<{ total: number }>(cb => data.classes.watchHours(people[0]!.id, cb))
    await vi.waitFor(() => expect(live.get()?.total).toBe(2.5))
    await data.classes.mark(second!._id, people[0]!.id, { status: 'aanwezig' }, tom)
    await vi.waitFor(() => expect(live.get()).toMatchObject({ total: 5, courses: [{ attended: 2, first: '2026-03-02', last: '2026-03-09' }] }))
    live.stop()
    expect((await data.classes.hoursFor(walkIn.id)).total).toBe(2.5)

    const missing = latest<unknown[]>(cb => data.classes.watchMissing({ staff: 'tom', all: false, municipalities: [] }, () => new Date('2026-03-20T12:00:00'), cb))
    // Session 1 and 2 have marks; session 3 (16 March) ended without one; session 4 is still to come.
    await vi.waitFor(() => expect((missing.get() as Array<{ session: { date: string } }> | undefined)?.map(m => m.session.date)).toEqual(['2026-03-16']))
    missing.stop()
    call.stop()
  })

  it('lists a trainer only the courses they teach, and a coordinator all', async () => {
    const { data } = newDevice()
    open.push(data)
    await courseWithPeople(data, 5, [])
    const series = { firstDate: '2026-04-01', count: 1, start: '10:00', end: '12:00' }
    // Tom may not plan a course for Ine alone (the server would refuse it); a coordinator may.
    expect(await data.classes.createCourse(makeCourseInput({ trainers: ['ine'] }), series, tom)).toEqual({ ok: false, issues: [{ path: 'trainers', code: 'mustTeach' }] })
    await data.classes.createCourse(makeCourseInput({ trainers: ['ine'], title: 'Itsme voor beginners' }), series, carla)
    const mine = latest<Array<{ title: string }>>(cb => data.classes.watchCourses({ staff: 'ine', all: false, municipalities: ['arendonk'] }, '2026-01-01', cb))
    const all = latest<Array<{ title: string }>>(cb => data.classes.watchCourses({ staff: 'carla', all: true, municipalities: ['arendonk'] }, '2026-01-01', cb))
    await vi.waitFor(() => expect(mine.get()?.map(c => c.title)).toEqual(['Itsme voor beginners']))
    await vi.waitFor(() => expect(all.get()).toHaveLength(2))
    mine.stop()
    all.stop()
  })

  it('refuses a course in a municipality the trainer does not serve, and a series with the end before the start', async () => {
    const { data } = newDevice()
    open.push(data)
    const result = await data.classes.createCourse(makeCourseInput({ municipality: 'ravels' }), { firstDate: '2026-03-02', count: 2, start: '11:00', end: '10:00' }, tom)
    expect(result.ok ? [] : result.issues.map(i => `${i.path}:${i.code}`)).toEqual(['end:endBeforeStart', 'municipality:notAllowed'])
  })
})
