import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
const DB = 'scratch'
const call = (method: string, path: string, body?: unknown) => request(t.url, method, `/${DB}${path}`, { auth: ADMIN, body })

beforeAll(async () => {
  t = await startTestServer()
  expect((await request(t.url, 'PUT', `/${DB}`, { auth: ADMIN })).status).toBe(201)
})
afterAll(() => t.stop())

/** A document with two branches: 1-a → 2-b (winner), 1-a → 2-c, and 2-c deleted as 3-d. */
async function branched(id: string) {
  const res = await call('POST', '/_bulk_docs', {
    new_edits: false,
    docs: [
      { _id: id, _rev: '2-bbbb', v: 'b', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } },
      { _id: id, _rev: '2-cccc', v: 'c', _revisions: { start: 2, ids: ['cccc', 'aaaa'] } },
      { _id: id, _rev: '2-dddd', v: 'd', _revisions: { start: 2, ids: ['dddd', 'aaaa'] } },
      { _id: id, _rev: '3-eeee', _deleted: true, _revisions: { start: 3, ids: ['eeee', 'dddd', 'aaaa'] } },
    ],
  })
  expect(res.body).toEqual([])
}

describe('documents', () => {
  it('creates with PUT and POST, refuses a stale or missing rev with 409', async () => {
    const put = await call('PUT', '/doc-1', { n: 1 })
    expect(put.status).toBe(201)
    expect(put.body).toEqual({ ok: true, id: 'doc-1', rev: expect.stringMatching(/^1-[0-9a-f]{32}$/) })
    expect(put.headers.get('etag')).toBe(`"${put.body.rev}"`)
    expect((await call('PUT', '/doc-1', { n: 2 })).status).toBe(409)
    expect((await call('PUT', '/doc-1', { n: 2, _rev: '1-00000000000000000000000000000000' })).status).toBe(409)
    const update = await call('PUT', `/doc-1?rev=${put.body.rev}`, { n: 2 })
    expect(update.body.rev).toMatch(/^2-/)
    const posted = await call('POST', '', { n: 3 })
    expect(posted.status).toBe(201)
    expect(posted.body.id).toMatch(/^[0-9a-f]{32}$/)
  })

  it('deletes with the current rev only, and a deleted doc answers 404 deleted', async () => {
    const { body: { rev } } = await call('PUT', '/doc-del', { n: 1 })
    expect((await call('DELETE', '/doc-del')).status).toBe(409)
    expect((await call('DELETE', '/doc-del?rev=1-ffffffffffffffffffffffffffffffff')).status).toBe(409)
    const del = await call('DELETE', `/doc-del?rev=${rev}`)
    expect(del.status).toBe(201)
    expect(del.body.rev).toMatch(/^2-/)
    expect((await call('GET', '/doc-del')).body).toEqual({ error: 'not_found', reason: 'deleted' })
    const old = await call('GET', `/doc-del?rev=${del.body.rev}`)
    expect(old.body).toMatchObject({ _id: 'doc-del', _deleted: true })
    // Recreating a deleted document needs no rev, as in CouchDB.
    expect((await call('PUT', '/doc-del', { n: 2 })).status).toBe(201)
  })

  it('keeps ids with slashes and design documents apart', async () => {
    expect((await call('PUT', '/a%2Fb', { n: 1 })).status).toBe(201)
    expect((await call('GET', '/a%2Fb')).body._id).toBe('a/b')
    expect((await call('PUT', '/_design/app', { views: {} })).status).toBe(201)
    expect((await call('GET', '/_design/app')).body._id).toBe('_design/app')
    expect((await call('PUT', '/_reserved', { n: 1 })).status).toBe(400)
  })

  it('lists documents with their conflicts in _all_docs as GET does (what a pull asks for each batch)', async () => {
    await branched('listed-tree')
    expect((await call('PUT', '/listed-plain', { n: 1, nested: { a: [1, 2] } })).status).toBe(201)
    expect((await call('PUT', '/listed-empty', {})).status).toBe(201)
    const ids = ['listed-tree', 'listed-plain', 'listed-empty', 'listed-missing']
    const listed = await call('POST', '/_all_docs?include_docs=true&conflicts=true', { keys: ids })
    const docs = listed.body.rows.map((r: { doc?: unknown }) => r.doc)
    expect(docs[0]).toMatchObject({ _id: 'listed-tree', _rev: '2-cccc', v: 'c', _conflicts: ['2-bbbb'] })
    for (const [i, id] of ids.slice(0, 3).entries())
      expect(docs[i], id).toEqual((await call('GET', `/${id}?conflicts=true`)).body)
    expect(listed.body.rows[3]).toEqual({ key: 'listed-missing', error: 'not_found' })
  })

  it('answers rev, revs, revs_info, conflicts, deleted_conflicts, meta, open_revs and latest', async () => {
    await branched('tree')
    const winner = await call('GET', '/tree?conflicts=true&deleted_conflicts=true')
    // Among 2-bbbb and 2-cccc (3-eeee is deleted) the higher hash at the same depth wins.
    expect(winner.body).toMatchObject({ _rev: '2-cccc', v: 'c', _conflicts: ['2-bbbb'], _deleted_conflicts: ['3-eeee'] })
    const old = await call('GET', '/tree?rev=2-bbbb&revs=true&revs_info=true')
    expect(old.body).toMatchObject({ v: 'b', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } })
    expect(old.body._revs_info).toEqual([{ rev: '2-bbbb', status: 'available' }, { rev: '1-aaaa', status: 'missing' }])
    const meta = await call('GET', '/tree?meta=true')
    expect(meta.body._conflicts).toEqual(['2-bbbb'])
    expect(meta.body._revs_info).toHaveLength(2)
    const all = await call('GET', '/tree?open_revs=all')
    expect(all.body.map((r: { ok: { _rev: string } }) => r.ok._rev).sort()).toEqual(['2-bbbb', '2-cccc', '3-eeee'])
    const latest = await call('GET', `/tree?open_revs=${encodeURIComponent('["2-dddd"]')}&latest=true`)
    expect(latest.body).toEqual([{ ok: expect.objectContaining({ _rev: '3-eeee', _deleted: true }) }])
    expect((await call('GET', '/tree?rev=1-aaaa')).status).toBe(404)
  })

  it('answers _bulk_get without a rev with every leaf, as CouchDB does', async () => {
    await branched('tree2')
    const res = await call('POST', '/_bulk_get?revs=true', { docs: [{ id: 'tree2' }, { id: 'absent' }] })
    expect(res.body.results[0].docs.map((d: { ok: { _rev: string } }) => d.ok._rev)).toEqual(['2-cccc', '3-eeee', '2-bbbb'])
    expect(res.body.results[1].docs[0].error).toMatchObject({ id: 'absent', error: 'not_found' })
  })

  it('answers open_revs as multipart/mixed to a client that accepts only that', async () => {
    const res = await fetch(`${t.url}/${DB}/tree?open_revs=all&revs=true`, { headers: { Accept: 'multipart/mixed', Authorization: `Basic ${Buffer.from('admin:admin-test-password').toString('base64')}` } })
    const type = res.headers.get('content-type')!
    const boundary = /boundary="([^"]+)"/.exec(type)![1]!
    const parts = (await res.text()).split(`--${boundary}`).slice(1, -1)
    const docs = parts.map(p => JSON.parse(p.slice(p.indexOf('\r\n\r\n') + 4)))
    expect(docs.map(d => d._rev).sort()).toEqual(['2-bbbb', '2-cccc', '3-eeee'])
    expect(docs[0]._revisions.ids).toHaveLength(2)
  })

  it('lists _all_docs with keys, ranges, descending, skip, limit and include_docs', async () => {
    for (const id of ['k1', 'k2', 'k3', 'k4'])
      await call('PUT', `/${id}`, { id })
    const range = await call('GET', '/_all_docs?startkey="k1"&endkey="k3"&include_docs=true')
    expect(range.body.rows.map((r: { id: string }) => r.id)).toEqual(['k1', 'k2', 'k3'])
    expect(range.body.rows[0].doc).toMatchObject({ _id: 'k1', id: 'k1' })
    expect(range.body.total_rows).toBeGreaterThanOrEqual(4)
    const exclusive = await call('GET', '/_all_docs?startkey="k1"&endkey="k3"&inclusive_end=false')
    expect(exclusive.body.rows.map((r: { id: string }) => r.id)).toEqual(['k1', 'k2'])
    const desc = await call('GET', '/_all_docs?startkey="k4"&endkey="k2"&descending=true&skip=1&limit=1')
    expect(desc.body.rows.map((r: { id: string }) => r.id)).toEqual(['k3'])
    const keys = await call('POST', '/_all_docs', { keys: ['k2', 'nope', 'doc-del'] })
    expect(keys.body.rows[0]).toMatchObject({ id: 'k2', key: 'k2', value: { rev: expect.any(String) } })
    expect(keys.body.rows[1]).toEqual({ key: 'nope', error: 'not_found' })
    const single = await call('GET', '/_all_docs?key="k3"')
    expect(single.body.rows).toHaveLength(1)
  })
})

describe('attachments', () => {
  const bytes = Buffer.from('signature image bytes \u0000\u0001\u0002')
  const digest = `md5-${createHash('md5').update(new Uint8Array(bytes)).digest('base64')}`

  it('stores inline base64 as a stub with its md5 digest, and serves the data back', async () => {
    const put = await call('PUT', '/signed', { _attachments: { 'sig.png': { content_type: 'image/png', data: bytes.toString('base64') } } })
    expect(put.status).toBe(201)
    const stub = await call('GET', '/signed')
    expect(stub.body._attachments['sig.png']).toEqual({ content_type: 'image/png', digest, length: bytes.length, revpos: 1, stub: true })
    const inline = await call('GET', '/signed?attachments=true')
    expect(Buffer.from(inline.body._attachments['sig.png'].data, 'base64')).toEqual(bytes)
    const raw = await fetch(`${t.url}/${DB}/signed/sig.png`, { headers: { Authorization: `Basic ${Buffer.from('admin:admin-test-password').toString('base64')}` } })
    expect(raw.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(bytes)
    // An update that sends the stub keeps the attachment.
    const update = await call('PUT', '/signed', { ...stub.body, note: 'x' })
    expect(update.status).toBe(201)
    expect((await call('GET', '/signed')).body._attachments['sig.png'].digest).toBe(digest)
  })

  it('refuses a stub it does not hold and bad base64', async () => {
    const missing = await call('PUT', '/stubby', { _attachments: { 'a.txt': { stub: true, digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==' } } })
    expect(missing.status).toBe(412)
    expect(missing.body.error).toBe('missing_stub')
    const bad = await call('PUT', '/badb64', { _attachments: { 'a.txt': { content_type: 'text/plain', data: '***' } } })
    expect(bad.status).toBe(400)
  })

  it('adds and removes an attachment by its own URL', async () => {
    const { body: { rev } } = await call('PUT', '/photo', { n: 1 })
    const added = await request(t.url, 'PUT', `/${DB}/photo/front.jpg?rev=${rev}`, { auth: ADMIN, raw: new Uint8Array(bytes), headers: { 'Content-Type': 'image/jpeg' } })
    expect(added.status).toBe(201)
    expect((await call('GET', '/photo')).body._attachments['front.jpg']).toMatchObject({ content_type: 'image/jpeg', digest, revpos: 2 })
    const removed = await call('DELETE', `/photo/front.jpg?rev=${added.body.rev}`)
    expect(removed.status).toBe(201)
    expect((await call('GET', '/photo')).body._attachments).toEqual({})
  })
})

describe('revision limits and compaction', () => {
  it('stems revision histories to revs_limit', async () => {
    expect((await call('PUT', '/_revs_limit', 3)).status).toBe(200)
    expect((await call('GET', '/_revs_limit')).body).toBe(3)
    let rev = (await call('PUT', '/stem', { n: 0 })).body.rev as string
    for (let n = 1; n < 6; n++)
      rev = (await call('PUT', `/stem?rev=${rev}`, { n })).body.rev as string
    const doc = await call('GET', '/stem?revs=true')
    expect(doc.body._revisions.start).toBe(6)
    expect(doc.body._revisions.ids).toHaveLength(3)
    expect((await call('PUT', '/_revs_limit', 1000)).status).toBe(200)
  })

  it('drops old revision bodies on _compact but keeps the tree and the leaves', async () => {
    const first = (await call('PUT', '/compact-me', { n: 1 })).body.rev as string
    const second = (await call('PUT', `/compact-me?rev=${first}`, { n: 2 })).body.rev as string
    expect((await call('GET', `/compact-me?rev=${first}`)).status).toBe(200)
    expect((await call('POST', '/_compact', {})).status).toBe(202)
    expect((await call('GET', `/compact-me?rev=${first}`)).status).toBe(404)
    const now = await call('GET', '/compact-me?revs_info=true')
    expect(now.body).toMatchObject({ _rev: second, n: 2 })
    expect(now.body._revs_info[1]).toEqual({ rev: first, status: 'missing' })
  })
})
