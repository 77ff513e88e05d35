import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytes } from '../../sync-server/bytes'
import { request } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

// The requests Apache CouchDB's replicator (couch_replicator_api_wrap) sends when it replicates
// to or from this server, crafted by hand since no CouchDB runs here: its multipart uploads,
// its multipart/mixed reads of open_revs, its checkpoints and its full-commit calls.

let t: TestServer
const DB = 'replicated'
const call = (method: string, path: string, opts: { body?: unknown, raw?: Uint8Array, headers?: Record<string, string> } = {}) =>
  request(t.url, method, `/${DB}${path}`, { auth: ADMIN, ...opts })

beforeAll(async () => {
  t = await startTestServer()
  expect((await request(t.url, 'PUT', `/${DB}`, { auth: ADMIN })).status).toBe(201)
})
afterAll(() => t.stop())

const md5 = (data: Buffer) => `md5-${createHash('md5').update(bytes(data)).digest('base64')}`

/** A multipart/related body as couch_doc:doc_to_multi_part_stream writes it: JSON, then each attachment. */
function related(doc: object, parts: { data: Buffer, disposition?: string }[], boundary = 'c0ffee0123456789') {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(doc)}`)]
  for (const part of parts) {
    const headers = part.disposition ? `Content-Disposition: attachment; filename="${part.disposition}"\r\n` : ''
    chunks.push(Buffer.from(`\r\n--${boundary}\r\n${headers}\r\n`), part.data)
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--`))
  return { raw: bytes(Buffer.concat(chunks.map(bytes))), type: `multipart/related; boundary="${boundary}"` }
}

/** The parts of a multipart/mixed answer, split by its boundary (read independently of the server's parser). */
function mixedParts(body: string, contentType: string): { type: string, body: string }[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)![1]!
  return body.split(`--${boundary}`).slice(1, -1).map((chunk) => {
    const [head, ...rest] = chunk.replace(/^\r\n/, '').split('\r\n\r\n')
    return { type: /content-type:\s*([^\r\n]+)/i.exec(head!)?.[1] ?? '', body: rest.join('\r\n\r\n').replace(/\r\n$/, '') }
  })
}

describe('multipart/related uploads (PUT with attachments that follow)', () => {
  const photo = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256))
  const text = Buffer.from('handtekening van de ontlener\n'.repeat(40))

  it('stores a replicated revision whose attachments follow, one of them gzip-encoded', async () => {
    const gz = gzipSync(bytes(text))
    const doc = {
      _id: 'loan-1',
      _rev: '2-bbbb',
      _revisions: { start: 2, ids: ['bbbb', 'aaaa'] },
      kind: 'test',
      _attachments: {
        'photo.jpg': { content_type: 'image/jpeg', revpos: 1, digest: md5(photo), length: photo.length, follows: true },
        'note.txt': { content_type: 'text/plain', revpos: 2, digest: md5(text), length: text.length, follows: true, encoding: 'gzip', encoded_length: gz.length },
      },
    }
    const body = related(doc, [{ data: photo }, { data: gz }])
    const put = await call('PUT', '/loan-1?new_edits=false', { raw: body.raw, headers: { 'Content-Type': body.type, 'X-Couch-Full-Commit': 'false' } })
    expect(put.status).toBe(201)
    expect(put.body).toEqual({ ok: true, id: 'loan-1', rev: '2-bbbb' })

    const stored = await call('GET', '/loan-1?revs=true')
    expect(stored.body._revisions).toEqual({ start: 2, ids: ['bbbb', 'aaaa'] })
    expect(stored.body._attachments['photo.jpg']).toEqual({ content_type: 'image/jpeg', digest: md5(photo), length: photo.length, revpos: 1, stub: true })
    expect(stored.body._attachments['note.txt']).toMatchObject({ digest: md5(text), length: text.length, revpos: 2, stub: true })
    const raw = await fetch(`${t.url}/${DB}/loan-1/note.txt`, { headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` } })
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(text)
  })

  it('matches parts by their file name when the replicator names them', async () => {
    const doc = {
      _id: 'loan-2',
      _attachments: {
        'a.bin': { content_type: 'application/octet-stream', follows: true, length: 3 },
        'b.bin': { content_type: 'application/octet-stream', follows: true, length: 4 },
      },
    }
    const body = related(doc, [{ data: Buffer.from('BBBB'), disposition: 'b.bin' }, { data: Buffer.from('AAA'), disposition: 'a.bin' }])
    const put = await call('PUT', '/loan-2', { raw: body.raw, headers: { 'Content-Type': body.type } })
    expect(put.status).toBe(201)
    const inline = await call('GET', '/loan-2?attachments=true')
    expect(Buffer.from(inline.body._attachments['a.bin'].data, 'base64').toString()).toBe('AAA')
    expect(Buffer.from(inline.body._attachments['b.bin'].data, 'base64').toString()).toBe('BBBB')
  })

  it('refuses a body whose attachment part is missing, and follows without multipart', async () => {
    const doc = { _id: 'loan-3', _attachments: { 'a.bin': { content_type: 'application/octet-stream', follows: true } } }
    const cut = related(doc, [])
    const put = await call('PUT', '/loan-3', { raw: cut.raw, headers: { 'Content-Type': cut.type } })
    expect(put.status).toBe(400)
    expect(put.body.error).toBe('bad_request')
    const json = await call('PUT', '/loan-3', { body: doc })
    expect(json.status).toBe(400)
    const truncated = await call('PUT', '/loan-3', { raw: cut.raw.subarray(0, 40), headers: { 'Content-Type': cut.type } })
    expect(truncated.status).toBe(400)
    expect((await call('GET', '/loan-3')).status).toBe(404)
  })
})

describe('what the replicator reads and checkpoints', () => {
  it('answers open_revs with latest=true as multipart/mixed when Accept asks for it', async () => {
    await call('POST', '/_bulk_docs', {
      body: {
        new_edits: false,
        docs: [
          { _id: 'branchy', _rev: '2-bbbb', v: 'b', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } },
          { _id: 'branchy', _rev: '3-cccc', v: 'c', _revisions: { start: 3, ids: ['cccc', 'bbbb', 'aaaa'] } },
        ],
      },
    })
    const res = await fetch(`${t.url}/${DB}/branchy?revs=true&latest=true&open_revs=${encodeURIComponent(JSON.stringify(['2-bbbb', '9-ffff']))}`, {
      headers: { Accept: 'multipart/mixed', Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
    })
    expect(res.status).toBe(200)
    const type = res.headers.get('content-type')!
    expect(type).toMatch(/^multipart\/mixed; boundary=/)
    const parts = mixedParts(await res.text(), type)
    // A missing revision is marked as an error part: the replicator reads unmarked parts as documents.
    expect(parts.map(p => p.type)).toEqual(['application/json', 'application/json; error="true"'])
    // latest=true: the leaf that descends from 2-bbbb, with its history for the replicator.
    expect(JSON.parse(parts[0]!.body)).toMatchObject({ _id: 'branchy', _rev: '3-cccc', v: 'c', _revisions: { start: 3, ids: ['cccc', 'bbbb', 'aaaa'] } })
    expect(JSON.parse(parts[1]!.body)).toEqual({ missing: '9-ffff' })
  })

  it('serves _bulk_get with latest=true and revs=true, as CouchDB 3 replicators ask', async () => {
    const res = await call('POST', '/_bulk_get?latest=true&revs=true&attachments=true', { body: { docs: [{ id: 'branchy', rev: '2-bbbb' }, { id: 'loan-1', rev: '2-bbbb', atts_since: ['1-aaaa'] }] } })
    expect(res.status).toBe(200)
    const [branchy, loan] = res.body.results
    expect(branchy.docs).toEqual([{ ok: expect.objectContaining({ _rev: '3-cccc', _revisions: { start: 3, ids: ['cccc', 'bbbb', 'aaaa'] } }) }])
    expect(loan.docs[0].ok._attachments['photo.jpg'].data).toEqual(expect.any(String))
  })

  it('keeps a checkpoint under a replication id, answers _revs_diff and _ensure_full_commit', async () => {
    const info = await call('GET', '')
    expect(info.body).toMatchObject({ update_seq: expect.anything(), instance_start_time: expect.any(String) })
    // couch_replicator_ids: the md5 of the replication's parameters, with a `+continuous` suffix.
    const id = `_local/${createHash('md5').update('replication').digest('hex')}+continuous`
    const history = { session_id: 'abc', source_last_seq: info.body.update_seq, recorded_seq: info.body.update_seq }
    const first = await call('PUT', `/${id}`, { body: { _id: id, session_id: 'abc', source_last_seq: info.body.update_seq, replication_id_version: 4, history: [history] } })
    expect(first.status).toBe(201)
    const read = await call('GET', `/${id}`)
    expect(read.body).toMatchObject({ _id: id, _rev: first.body.rev, replication_id_version: 4, history: [history] })
    const diff = await call('POST', '/_revs_diff', { body: { 'branchy': ['3-cccc', '4-dddd'], 'new-one': ['1-eeee'] } })
    expect(diff.body).toEqual({ 'branchy': { missing: ['4-dddd'], possible_ancestors: ['3-cccc'] }, 'new-one': { missing: ['1-eeee'] } })
    const commit = await call('POST', '/_ensure_full_commit', { body: {}, headers: { 'Content-Type': 'application/json' } })
    expect(commit.status).toBe(201)
    expect(commit.body).toEqual({ ok: true, instance_start_time: info.body.instance_start_time })
  })
})
