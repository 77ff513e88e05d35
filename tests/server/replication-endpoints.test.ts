import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { request, type Credentials } from './support/http'
import { type TestServer, startWithVera } from './support/server'

const DB = 'dgb-m-arendonk'
let t: TestServer
let vera: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
})
afterAll(() => t.stop())

const get = (path: string, auth: Credentials = vera) => request(t.url, 'GET', path, { auth })
const post = (path: string, body: unknown, auth: Credentials = vera) => request(t.url, 'POST', path, { auth, body })

describe('what PouchDB asks of a server', () => {
  it('answers GET / with a uuid that survives a restart', async () => {
    const before = await request(t.url, 'GET', '/')
    expect(before.status).toBe(200)
    expect(before.body.couchdb).toBe('Welcome')
    expect(before.body.uuid).toMatch(/^[0-9a-f]{32}$/)
    await t.restart()
    const after = await request(t.url, 'GET', '/')
    expect(after.body.uuid).toBe(before.body.uuid)
  })

  it('gives database info to members only', async () => {
    const info = await get(`/${DB}/`)
    expect(info.status).toBe(200)
    expect(info.body).toMatchObject({ db_name: DB, doc_count: expect.any(Number), update_seq: expect.anything() })
    expect((await request(t.url, 'GET', `/${DB}`)).status).toBe(401)
    expect((await get('/dgb-m-ravels')).status).toBe(403)
    expect((await get('/dgb-m-ravels')).body).toEqual({ error: 'forbidden', reason: 'You are not allowed to access this db.' })
  })

  it('stores _local checkpoints with CouchDB revisions and conflict checks', async () => {
    const id = '_local/checkpoint-1'
    expect((await get(`/${DB}/${id}`)).status).toBe(404)
    const first = await request(t.url, 'PUT', `/${DB}/${id}`, { auth: vera, body: { last_seq: 5 } })
    expect(first.status).toBe(201)
    expect(first.body).toEqual({ ok: true, id, rev: '0-1' })
    const stale = await request(t.url, 'PUT', `/${DB}/${id}`, { auth: vera, body: { last_seq: 6 } })
    expect(stale.status).toBe(409)
    const second = await request(t.url, 'PUT', `/${DB}/${id}`, { auth: vera, body: { _rev: '0-1', last_seq: 7 } })
    expect(second.body.rev).toBe('0-2')
    expect((await get(`/${DB}/${id}`)).body).toEqual({ _id: id, _rev: '0-2', last_seq: 7 })
    // Checkpoints never show up in the changes feed.
    const changes = await get(`/${DB}/_changes`)
    expect(changes.body.results.map((r: { id: string }) => r.id)).not.toContain(id)
  })

  it('pushes with _revs_diff and _bulk_docs new_edits=false, pulls with _bulk_get', async () => {
    const doc = makeHelpSession({ staff: 'vera' })
    const rev1 = '1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    const rev2 = '2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
    const diff = await post(`/${DB}/_revs_diff`, { [doc._id]: [rev2] })
    expect(diff.body).toEqual({ [doc._id]: { missing: [rev2] } })

    const pushed = await post(`/${DB}/_bulk_docs`, {
      new_edits: false,
      docs: [{ ...doc, _rev: rev2, _revisions: { start: 2, ids: [rev2.slice(2), rev1.slice(2)] } }],
    })
    expect(pushed.status).toBe(201)
    expect(pushed.body).toEqual([])
    expect((await post(`/${DB}/_revs_diff`, { [doc._id]: [rev1, rev2] })).body).toEqual({})

    const third = '3-cccccccccccccccccccccccccccccccc'
    const withAncestor = await post(`/${DB}/_revs_diff`, { [doc._id]: [third] })
    expect(withAncestor.body[doc._id]).toEqual({ missing: [third], possible_ancestors: [rev2] })

    const got = await post(`/${DB}/_bulk_get?revs=true&latest=true`, {
      docs: [{ id: doc._id, rev: rev1 }, { id: doc._id }, { id: 'session:missing', rev: '1-x' }],
    })
    expect(got.status).toBe(200)
    const [byOld, byNone, missing] = got.body.results
    // latest=true: asking for the ancestor answers the leaf.
    expect(byOld.docs[0].ok).toMatchObject({ _id: doc._id, _rev: rev2, _revisions: { start: 2, ids: [rev2.slice(2), rev1.slice(2)] } })
    expect(byNone.docs[0].ok._rev).toBe(rev2)
    expect(missing.docs[0].error).toMatchObject({ id: 'session:missing', rev: '1-x', error: 'not_found' })
  })

  it('answers open_revs as JSON, with the missing ones marked', async () => {
    const doc = makeHelpSession({ staff: 'vera' })
    const put = await request(t.url, 'PUT', `/${DB}/${doc._id}`, { auth: vera, body: doc })
    expect(put.status).toBe(201)
    const rev = put.body.rev as string
    const all = await get(`/${DB}/${encodeURIComponent(doc._id)}?open_revs=all&revs=true`)
    expect(all.status).toBe(200)
    expect(all.body).toHaveLength(1)
    expect(all.body[0].ok).toMatchObject({ _id: doc._id, _rev: rev, _revisions: { start: 1 } })
    const listed = await get(`/${DB}/${encodeURIComponent(doc._id)}?open_revs=${encodeURIComponent(JSON.stringify([rev, '9-nope']))}`)
    expect(listed.body).toEqual([{ ok: expect.objectContaining({ _rev: rev }) }, { missing: '9-nope' }])
    const bad = await get(`/${DB}/${encodeURIComponent(doc._id)}?open_revs=${encodeURIComponent('["bad"]')}`)
    expect(bad.status).toBe(400)
  })

  it('refuses an invalid help session per document, as forbidden with a reason', async () => {
    const good = makeHelpSession({ staff: 'vera' })
    const bad = { ...makeHelpSession({ staff: 'vera' }), durationMinutes: 9999 }
    const someoneElse = makeHelpSession({ staff: 'other' })
    const res = await post(`/${DB}/_bulk_docs`, { docs: [good, bad, someoneElse] })
    expect(res.status).toBe(201)
    expect(res.body[0]).toMatchObject({ ok: true, id: good._id })
    expect(res.body[1]).toEqual({ id: bad._id, error: 'forbidden', reason: expect.stringContaining('durationMinutes') })
    expect(res.body[2]).toEqual({ id: someoneElse._id, error: 'forbidden', reason: 'createdBy must be the signed-in account' })
    // The reason names the field, never the value sent.
    expect(res.body[1].reason).not.toContain('9999')
    expect((await get(`/${DB}/${bad._id}`)).status).toBe(404)
  })
})

describe('_changes', () => {
  it('lists changes since an opaque sequence, with limit and all_docs', async () => {
    const all = await get(`/${DB}/_changes?style=all_docs`)
    expect(all.status).toBe(200)
    const n = all.body.results.length
    expect(n).toBeGreaterThan(1)
    const page = await get(`/${DB}/_changes?limit=1&since=0`)
    expect(page.body.results).toHaveLength(1)
    expect(page.body.pending).toBe(n - 1)
    const rest = await get(`/${DB}/_changes?since=${encodeURIComponent(String(page.body.last_seq))}`)
    expect(rest.body.results).toHaveLength(n - 1)
    const withDocs = await get(`/${DB}/_changes?include_docs=true&limit=1&since=${encodeURIComponent(String(page.body.last_seq))}`)
    expect(withDocs.body.results[0].doc._id).toBe(withDocs.body.results[0].id)
    expect((await get(`/${DB}/_changes?since=garbage`)).status).toBe(400)
  })

  it('holds a long-poll open until a write arrives, with heartbeats', async () => {
    const now = (await get(`/${DB}/_changes?since=now`)).body.last_seq
    const started = Date.now()
    const poll = get(`/${DB}/_changes?feed=longpoll&heartbeat=1000&since=${now}`)
    await new Promise(resolve => setTimeout(resolve, 1300))
    const doc = makeHelpSession({ staff: 'vera' })
    await request(t.url, 'PUT', `/${DB}/${doc._id}`, { auth: vera, body: doc })
    const res = await poll
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200)
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual([doc._id])
  })

  it('ends an idle long-poll at its timeout with no results', async () => {
    const now = (await get(`/${DB}/_changes?since=now`)).body.last_seq
    const res = await get(`/${DB}/_changes?feed=longpoll&timeout=300&since=${now}`)
    expect(res.body).toMatchObject({ results: [], last_seq: now })
  })
})
