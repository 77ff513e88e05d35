import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeAttendance } from '../factories/attendance'
import { makeCourse, makeCourseSessions, makeEnrolment } from '../factories/course'
import { createUser, request, type Credentials } from './support/http'
import { localDb, remoteDb } from './support/pouch'
import { ADMIN, startTestServer, type TestServer } from './support/server'

/**
 * A trainer writes sessions, enrolments and attendance only for the courses they teach: the server
 * looks up the course the record names. Other trainers of the same municipality are refused.
 */
let t: TestServer
let tom: Credentials
let ine: Credentials
const DB = '/dgb-m-arendonk'

beforeAll(async () => {
  t = await startTestServer()
  tom = await createUser(t.url, ADMIN, 'tom', 'tom-password', ['trainer', 'm:arendonk'])
  ine = await createUser(t.url, ADMIN, 'ine', 'ine-password', ['trainer', 'm:arendonk'])
})
afterAll(() => t.stop())

describe('course trainers on the server', () => {
  it('accepts a new course with its sessions in one batch from its trainer', async () => {
    const course = makeCourse({ staff: 'tom', trainers: ['tom'] })
    const sessions = makeCourseSessions(course)
    const res = await request(t.url, 'POST', `${DB}/_bulk_docs`, { auth: tom, body: { docs: [course, ...sessions] } })
    expect(res.status).toBe(201)
    expect(res.body.every((r: { ok?: boolean }) => r.ok)).toBe(true)
  })

  it('refuses a mark, an enrolment and a moved session from a trainer of another course with 403 and the reason', async () => {
    const course = makeCourse({ staff: 'tom', trainers: ['tom'] })
    const [session] = makeCourseSessions(course)
    expect((await request(t.url, 'POST', `${DB}/_bulk_docs`, { auth: tom, body: { docs: [course, session] } })).status).toBe(201)
    const personId = makeEnrolment(course).personId

    const mark = makeAttendance(session!, personId, { staff: 'ine' })
    const put = await request(t.url, 'PUT', `${DB}/${encodeURIComponent(mark._id)}`, { auth: ine, body: mark })
    expect(put.status).toBe(403)
    expect(put.body).toEqual({ error: 'forbidden', reason: 'only the trainers of this course may write its sessions, enrolments and attendance' })

    const stored = await request(t.url, 'GET', `${DB}/${encodeURIComponent(session!._id)}`, { auth: tom })
    const bulk = await request(t.url, 'POST', `${DB}/_bulk_docs`, { auth: ine, body: { docs: [makeEnrolment(course, { staff: 'ine' }), { ...stored.body, date: '2026-03-04' }] } })
    expect(bulk.body.map((r: { error?: string }) => r.error)).toEqual(['forbidden', 'forbidden'])

    // The course's own trainer is let through with the same mark.
    const own = makeAttendance(session!, personId, { staff: 'tom' })
    expect((await request(t.url, 'PUT', `${DB}/${encodeURIComponent(own._id)}`, { auth: tom, body: own })).status).toBe(201)
  })

  it('lets a co-trainer move a colleague\'s session as its new writer', async () => {
    const course = makeCourse({ staff: 'tom', trainers: ['tom', 'ine'] })
    const [session] = makeCourseSessions(course)
    await request(t.url, 'POST', `${DB}/_bulk_docs`, { auth: tom, body: { docs: [course, session] } })
    const stored = await request(t.url, 'GET', `${DB}/${encodeURIComponent(session!._id)}`, { auth: ine })
    const moved = await request(t.url, 'PUT', `${DB}/${encodeURIComponent(session!._id)}`, { auth: ine, body: { ...stored.body, date: '2026-03-04', createdBy: 'ine' } })
    expect(moved.status).toBe(201)
  })

  it('refuses a mark for a course the server does not hold, and a trainer adding themselves to a colleague\'s course', async () => {
    const unknown = makeCourse({ staff: 'ine', trainers: ['ine'] })
    const [session] = makeCourseSessions(unknown, { staff: 'ine' })
    const mark = makeAttendance(session!, makeEnrolment(unknown).personId, { staff: 'ine' })
    const put = await request(t.url, 'PUT', `${DB}/${encodeURIComponent(mark._id)}`, { auth: ine, body: mark })
    expect(put.body.reason).toBe('the course of this record is not on the server')

    const course = makeCourse({ staff: 'tom', trainers: ['tom'] })
    const first = await request(t.url, 'PUT', `${DB}/${encodeURIComponent(course._id)}`, { auth: tom, body: course })
    const joined = await request(t.url, 'PUT', `${DB}/${encodeURIComponent(course._id)}`, { auth: ine, body: { ...course, _rev: first.body.rev, trainers: ['tom', 'ine'] } })
    expect(joined.status).toBe(403)
    expect(joined.body.reason).toBe('only the trainers of this course may change it')
  })

  it('reports the refusal to a replicating tablet as a denied document, and pushes the rest', async () => {
    const course = makeCourse({ staff: 'tom', trainers: ['tom'] })
    const [session] = makeCourseSessions(course)
    await request(t.url, 'POST', `${DB}/_bulk_docs`, { auth: tom, body: { docs: [course, session] } })
    const inesTablet = localDb('ine-tablet')
    const inesOwn = makeCourse({ staff: 'ine', trainers: ['ine'] })
    const [inesSession] = makeCourseSessions(inesOwn, { staff: 'ine' })
    const refused = makeAttendance(session!, makeEnrolment(course).personId, { staff: 'ine' })
    await inesTablet.bulkDocs([inesOwn, inesSession!, refused])
    const denied: string[] = []
    const result = await inesTablet.replicate.to(remoteDb(t.url, 'dgb-m-arendonk', ine)).on('denied', err => denied.push(String((err as { id?: string }).id)))
    expect(denied).toEqual([refused._id])
    expect(result.docs_written).toBe(2)
    await inesTablet.destroy()
  })
})
