import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'
import { createUser, request, type Credentials } from './support/http'
import { localDb, remoteDb } from './support/pouch'
import { ADMIN, type TestServer, startWithVera } from './support/server'

let t: TestServer
let vera: Credentials
let cora: Credentials
const M = 'dgb-m-arendonk'
const R = 'dgb-residents'

const maria = makePerson({ staff: 'vera', firstName: 'Maria', lastName: 'Peeters' })
const jan = makePerson({ staff: 'vera', firstName: 'Jan', lastName: 'Janssens' })
const visits = [
  makeHelpSession({ staff: 'vera', personId: maria._id, note: 'Maria wil haar pensioen aanvragen', categories: ['itsme', 'taxonweb'] }),
  makeHelpSession({ staff: 'vera', personId: maria._id }),
]
const janVisit = makeHelpSession({ staff: 'vera', personId: jan._id, note: 'Jan' })
// A record whose id names the person, as attendance marks do (course session × person).
const mark = { _id: `attendance:cs-1:${maria._id}`, kind: 'attendance', sessionId: 'cs-1', personId: maria._id, status: 'present', note: 'kwam te laat', participantName: 'Maria Peeters' }
const revs = new Map<string, string>()
const tablet = localDb('subject')

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  cora = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
  expect((await request(t.url, 'PUT', '/classes-scratch', { auth: ADMIN })).status).toBe(201)
  for (const [db, doc, who] of [[R, maria, vera], [R, jan, vera], [M, visits[0]!, vera], [M, visits[1]!, vera], [M, janVisit, vera], ['classes-scratch', mark, ADMIN]] as const) {
    const put = await request(t.url, 'PUT', `/${db}/${encodeURIComponent(doc._id)}`, { auth: who, body: doc })
    expect(put.status, JSON.stringify(put.body)).toBe(201)
    revs.set(doc._id, put.body.rev)
  }
  await tablet.replicate.from(remoteDb(t.url, R, vera))
})
afterAll(() => t.stop())

const subject = (method: string, id: string, who: Credentials | null = cora) => request(t.url, method, `/_digibalie/subjects/${id}`, who ? { auth: who } : {})

describe('finding and exporting one resident', () => {
  it('returns their record and every record naming them, across databases, as a JSON download', async () => {
    const res = await subject('GET', maria._id)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('attachment')
    expect(res.body.person).toMatchObject({ _id: maria._id, firstName: 'Maria' })
    expect(res.body.records.map((r: { db: string, doc: { _id: string } }) => [r.db, r.doc._id]).sort()).toEqual([
      ['classes-scratch', mark._id], [M, visits[0]!._id], [M, visits[1]!._id],
    ].sort())
    expect(JSON.stringify(res.body)).not.toContain(jan._id)
  })

  it('is for coordinators only and checks the id', async () => {
    expect((await subject('GET', maria._id, null)).status).toBe(401)
    expect((await subject('GET', maria._id, vera)).status).toBe(403)
    expect((await subject('DELETE', maria._id, vera)).status).toBe(403)
    expect((await subject('GET', 'person:nope')).status).toBe(400)
    expect((await subject('GET', makePerson()._id)).status).toBe(404)
  })
})

describe('erasing one resident', () => {
  it('deletes the person, anonymises what names them, keeps counts, and reports counts only', async () => {
    const res = await subject('DELETE', maria._id)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, erased: { person: 1, anonymised: 2, rekeyed: 1, conflictsRemoved: 0 } })

    expect((await request(t.url, 'GET', `/${R}/${maria._id}`, { auth: ADMIN })).status).toBe(404)
    const [a, b] = await Promise.all(visits.map(v => request(t.url, 'GET', `/${M}/${v._id}`, { auth: ADMIN })))
    expect(a!.body.personId).toMatch(/^person:[0-9A-Z]{26}$/)
    expect(a!.body.personId).not.toBe(maria._id)
    expect(b!.body.personId).toBe(a!.body.personId)
    expect(a!.body.note).toBeUndefined()
    expect(a!.body.categories).toEqual(['itsme', 'taxonweb'])
    expect(a!.body.startedAt).toBe(visits[0]!.startedAt)
    // The revision with the note is gone from the server, not merely superseded.
    expect((await request(t.url, 'GET', `/${M}/${visits[0]!._id}?rev=${revs.get(visits[0]!._id)}`, { auth: ADMIN })).status).toBe(404)
    expect((await request(t.url, 'GET', `/${R}/${maria._id}?rev=${revs.get(maria._id)}`, { auth: ADMIN })).status).toBe(404)

    const moved = await request(t.url, 'GET', `/classes-scratch/${encodeURIComponent(`attendance:cs-1:${a!.body.personId}`)}`, { auth: ADMIN })
    expect(moved.body).toMatchObject({ kind: 'attendance', status: 'present', personId: a!.body.personId })
    expect(moved.body.note).toBeUndefined()
    // A copy of the name kept for offline roll calls goes too.
    expect(moved.body.participantName).toBe('Gewist')
    expect(JSON.stringify(moved.body)).not.toMatch(/Maria|Peeters/)
    expect((await request(t.url, 'GET', `/classes-scratch/${encodeURIComponent(mark._id)}`, { auth: ADMIN })).status).toBe(404)

    expect((await request(t.url, 'GET', `/${M}/${janVisit._id}`, { auth: ADMIN })).body.note).toBe('Jan')
    expect((await subject('GET', maria._id)).status).toBe(404)
    const audit = await request(t.url, 'GET', '/_digibalie/audit', { auth: cora })
    const erasures = audit.body.entries.filter((e: { action: string }) => e.action === 'erase')
    expect(erasures.length).toBeGreaterThanOrEqual(4)
    expect(erasures.every((e: { account: string }) => e.account === 'cora')).toBe(true)
    expect(JSON.stringify(audit.body)).not.toMatch(/Maria|Peeters|pensioen/)
  })

  it('reaches tablets as a deletion, and refuses the resident coming back from a stale tablet', async () => {
    await tablet.replicate.from(remoteDb(t.url, R, vera))
    await expect(tablet.get(maria._id)).rejects.toMatchObject({ status: 404 })

    const stale = localDb('stale-subject')
    await stale.put({ ...maria, lastName: 'Peeters-Offline' })
    const laterVisit = makeHelpSession({ staff: 'vera', personId: maria._id })
    await stale.put(laterVisit)
    const denied: string[] = []
    await stale.replicate.to(remoteDb(t.url, R, vera), { doc_ids: [maria._id] }).on('denied', e => denied.push(JSON.stringify(e)))
    await stale.replicate.to(remoteDb(t.url, M, vera), { doc_ids: [laterVisit._id] }).on('denied', e => denied.push(JSON.stringify(e)))
    expect(denied).toHaveLength(2)
    expect(denied.join()).toContain('erased')
    expect((await request(t.url, 'GET', `/${R}/${maria._id}`, { auth: ADMIN })).status).toBe(404)
  })
})
