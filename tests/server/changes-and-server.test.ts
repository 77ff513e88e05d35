import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, request } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
const DB = 'feed'
const call = (method: string, path: string, body?: unknown) => request(t.url, method, `/${DB}${path}`, { auth: ADMIN, body })
const ids = (res: { body: { results: { id: string }[] } }) => res.body.results.map(r => r.id)

beforeAll(async () => {
  t = await startTestServer()
  await request(t.url, 'PUT', `/${DB}`, { auth: ADMIN })
  await call('POST', '/_bulk_docs', {
    docs: [
      { _id: 'a', kind: 'help-session', minutes: 10, place: { town: 'arendonk' } },
      { _id: 'b', kind: 'help-session', minutes: 40, place: { town: 'ravels' } },
      { _id: 'c', kind: 'person', minutes: 5 },
      { _id: 'd', kind: 'help-session', minutes: 90, tags: ['itsme'] },
    ],
  })
})
afterAll(() => t.stop())

/** Reads a streamed response until `until` says it has enough, then stops reading. */
async function readStream(path: string, until: (text: string) => boolean): Promise<string> {
  const controller = new AbortController()
  const res = await fetch(`${t.url}/${DB}${path}`, { headers: { Authorization: basic(ADMIN) }, signal: controller.signal })
  const reader = res.body!.getReader()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done)
      break
    text += Buffer.from(value).toString()
    if (until(text))
      break
  }
  controller.abort()
  return text
}

describe('_changes filters and options', () => {
  it('filters by _doc_ids in the body or the query', async () => {
    expect(ids(await call('POST', '/_changes?filter=_doc_ids', { doc_ids: ['b', 'd'] }))).toEqual(['b', 'd'])
    expect(ids(await call('GET', `/_changes?filter=_doc_ids&doc_ids=${encodeURIComponent('["c"]')}`))).toEqual(['c'])
  })

  it('filters by a Mango selector', async () => {
    const sel = (selector: unknown) => call('POST', '/_changes?filter=_selector', { selector })
    expect(ids(await sel({ kind: 'help-session', minutes: { $gte: 40 } }))).toEqual(['b', 'd'])
    expect(ids(await sel({ $or: [{ kind: 'person' }, { 'place.town': 'arendonk' }] }))).toEqual(['a', 'c'])
    expect(ids(await sel({ minutes: { $in: [5, 90] }, tags: { $exists: false } }))).toEqual(['c'])
    expect(ids(await sel({ kind: { $ne: 'help-session' } }))).toEqual(['c'])
    expect(ids(await sel({ $and: [{ minutes: { $gt: 5 } }, { minutes: { $lt: 90 } }] }))).toEqual(['a', 'b'])
    expect(ids(await sel({ minutes: { $lte: 10 }, kind: { $eq: 'person' } }))).toEqual(['c'])
    expect((await sel({ minutes: { $regex: '.*' } })).status).toBe(400)
  })

  it('goes backwards with descending and accepts seq_interval', async () => {
    expect(ids(await call('GET', '/_changes?descending=true&limit=2'))).toEqual(['d', 'c'])
    const spaced = await call('GET', '/_changes?seq_interval=2')
    expect(ids(spaced)).toEqual(['a', 'b', 'c', 'd'])
    expect(spaced.body.last_seq).toBe(4)
  })

  it('streams a continuous feed, one line per change, and keeps it open for new ones', async () => {
    const stream = readStream('/_changes?feed=continuous&heartbeat=1000&since=2', text => text.includes('"id":"e"'))
    await new Promise(resolve => setTimeout(resolve, 200))
    await call('PUT', '/e', { kind: 'person' })
    const lines = (await stream).split('\n').filter(l => l.trim())
    expect(lines.map(l => JSON.parse(l).id)).toEqual(['c', 'd', 'e'])
  })

  it('ends a continuous feed at its timeout with the last sequence', async () => {
    const text = await readStream('/_changes?feed=continuous&since=now&timeout=200', () => false)
    expect(JSON.parse(text.trim())).toEqual({ last_seq: 5 })
  })
})

describe('server endpoints', () => {
  it('answers _up and _uuids', async () => {
    expect((await request(t.url, 'GET', '/_up')).body).toEqual({ status: 'ok' })
    const u = await request(t.url, 'GET', '/_uuids?count=3')
    expect(u.body.uuids).toHaveLength(3)
    expect(new Set(u.body.uuids).size).toBe(3)
    expect((await request(t.url, 'GET', '/_uuids?count=5000')).status).toBe(400)
  })

  it('creates, lists and deletes databases as admin, with CouchDB errors', async () => {
    expect((await request(t.url, 'PUT', '/temp-db', { auth: ADMIN })).status).toBe(201)
    expect((await request(t.url, 'PUT', '/temp-db', { auth: ADMIN })).status).toBe(412)
    expect((await request(t.url, 'PUT', '/Bad%20Name', { auth: ADMIN })).body.error).toBe('illegal_database_name')
    expect((await request(t.url, 'GET', '/_all_dbs', { auth: ADMIN })).body).toContain('temp-db')
    expect((await request(t.url, 'DELETE', '/temp-db', { auth: ADMIN })).status).toBe(200)
    expect((await request(t.url, 'GET', '/temp-db', { auth: ADMIN })).status).toBe(404)
    expect((await request(t.url, 'GET', '/_all_dbs', { auth: ADMIN })).body).not.toContain('temp-db')
    expect((await request(t.url, 'DELETE', '/_users', { auth: ADMIN })).status).toBe(403)
  })

  it('reads and writes _security as server admin', async () => {
    const sec = { admins: { names: [], roles: [] }, members: { names: ['someone'], roles: ['trainer'] } }
    expect((await call('PUT', '/_security', sec)).status).toBe(200)
    expect((await call('GET', '/_security')).body).toEqual(sec)
    expect((await call('PUT', '/_security', { members: { roles: 'trainer' } })).status).toBe(400)
    // DELETE puts back the default: server admins only here, the domain's object for a Digibank database.
    expect((await call('DELETE', '/_security')).status).toBe(200)
    expect((await call('GET', '/_security')).body.members).toEqual({ names: [], roles: ['_admin'] })
    await request(t.url, 'PUT', '/dgb-lending/_security', { auth: ADMIN, body: sec })
    await request(t.url, 'DELETE', '/dgb-lending/_security', { auth: ADMIN })
    expect((await request(t.url, 'GET', '/dgb-lending/_security', { auth: ADMIN })).body.members.roles).toEqual(['lender', 'coordinator'])
  })
})
