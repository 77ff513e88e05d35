import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { request, type Credentials } from './support/http'
import { startTestServer, startWithVera, type TestServer } from './support/server'

// Each defect the fuzz test (fuzz.test.ts) found, pinned down on its own.
let t: TestServer
let vera: Credentials
const DB = 'dgb-m-arendonk'

beforeAll(async () => {
  ({ t, vera } = await startWithVera({ limits: { maxBody: 1024 * 1024 } }))
})
afterAll(() => t.stop())

/** Sends raw bytes and returns everything the server answers before it closes the connection. */
function raw(bytes: string, base = t.url): Promise<string> {
  const url = new URL(base)
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes))
    let text = ''
    socket.on('data', c => text += c.toString())
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
    setTimeout(() => socket.destroy(), 5_000)
  })
}

function jsonOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
}

describe('requests Node refuses before any handler (was: a bare status line)', () => {
  it('answers headers that are too large with a JSON 431', async () => {
    const answer = await raw(`GET /_up HTTP/1.1\r\nHost: x\r\nX-Pad: ${'h'.repeat(20_000)}\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.1 431/)
    expect(answer).toContain('Content-Type: application/json')
    expect(jsonOf(answer)).toEqual({ error: 'request_header_fields_too_large', reason: 'The request headers are too large.' })
  })

  it('answers a broken request line or chunked body with a JSON 400', async () => {
    for (const bytes of ['NOT AN HTTP REQUEST\r\n\r\n', `POST /_session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`]) {
      const answer = await raw(bytes)
      expect(answer).toMatch(/^HTTP\/1\.1 400/)
      expect(jsonOf(answer)).toEqual({ error: 'bad_request', reason: 'Malformed HTTP request.' })
    }
  })

  it('answers a request that never finishes arriving with a JSON 408', async () => {
    const impatient = await startTestServer({ limits: { requestTimeoutMs: 600 } })
    try {
      const answer = await raw('POST /_session HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"na', impatient.url)
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
      expect(jsonOf(answer)).toEqual({ error: 'request_timeout', reason: 'The request took too long to arrive.' })
    }
    finally {
      await impatient.stop()
    }
  })
})

describe('deeply nested JSON (was: a dropped connection, or a checkpoint stored)', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`

  it.each([
    ['a checkpoint', 'PUT', `/${DB}/_local/deep`, `{"last_seq":${deep(100_000)}}`],
    ['_bulk_docs', 'POST', `/${DB}/_bulk_docs`, `{"docs":[{"_id":"_local/deep2","x":${deep(5_000)}}]}`],
    ['a selector', 'POST', `/${DB}/_changes?filter=_selector`, `{"selector":{"a":${'{"$not":'.repeat(20_000)}{}${'}'.repeat(20_000)}}}`],
  ])('refuses %s nested too deep with a 400 and stores nothing', async (_name, method, path, body) => {
    const res = await request(t.url, method, path, { auth: vera, raw: body, headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ error: 'bad_request', reason: 'JSON nested deeper than 100 levels' })
    expect((await request(t.url, 'GET', `/${DB}/_local/deep`, { auth: vera })).status).toBe(404)
    expect((await request(t.url, 'GET', `/${DB}/_local/deep2`, { auth: vera })).status).toBe(404)
  })

  it('still takes ordinary nesting, and brackets inside strings do not count', async () => {
    const res = await request(t.url, 'PUT', `/${DB}/_local/shallow`, { auth: vera, body: { last_seq: 1, note: '[[[[{{{{'.repeat(100), nested: [[[[{ a: [1] }]]]] } })
    expect(res.status).toBe(201)
  })
})

describe('revision metadata (was: stored as given with new_edits=false)', () => {
  it.each([
    ['position 0', { _rev: '0-abc', _revisions: { start: 0, ids: ['abc'] } }],
    ['a huge position', { _revisions: { start: 1e300, ids: ['abc'] } }],
    ['more ancestors than the position', { _revisions: { start: 1, ids: ['abc', 'def', 'ghi'] } }],
    ['a hash with a space', { _rev: '1-a b' }],
    ['an empty hash list', { _revisions: { start: 3, ids: [] } }],
    ['a _rev that contradicts _revisions', { _rev: '2-abc', _revisions: { start: 2, ids: ['def', 'abc'] } }],
  ])('refuses a valid record with %s and stores nothing', async (_name, meta) => {
    const doc = { ...makeHelpSession({ staff: 'vera' }), ...meta }
    const res = await request(t.url, 'POST', `/${DB}/_bulk_docs`, { auth: vera, body: { docs: [doc], new_edits: false } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual([expect.objectContaining({ id: doc._id, error: 'bad_request' })])
    expect((await request(t.url, 'GET', `/${DB}/${doc._id}`, { auth: vera })).status).toBe(404)
  })

  it('still accepts the revisions PouchDB sends', async () => {
    const doc = { ...makeHelpSession({ staff: 'vera' }), _rev: '2-0123456789abcdef0123456789abcdef', _revisions: { start: 2, ids: ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'] } }
    const res = await request(t.url, 'POST', `/${DB}/_bulk_docs`, { auth: vera, body: { docs: [doc], new_edits: false } })
    expect(res.body).toEqual([])
    expect((await request(t.url, 'GET', `/${DB}/${doc._id}`, { auth: vera })).body._rev).toBe(doc._rev)
  })
})

describe('_bulk_get with an empty rev (was: every leaf of the document)', () => {
  it('answers an error for that item', async () => {
    const doc = makeHelpSession({ staff: 'vera' })
    expect((await request(t.url, 'PUT', `/${DB}/${doc._id}`, { auth: vera, body: doc })).status).toBe(201)
    const res = await request(t.url, 'POST', `/${DB}/_bulk_get`, { auth: vera, body: { docs: [{ id: doc._id, rev: '' }, { id: doc._id, rev: 5 }] } })
    expect(res.status).toBe(200)
    expect(res.body.results.map((r: { docs: { error?: { error: string } }[] }) => r.docs[0]!.error?.error)).toEqual(['bad_request', 'bad_request'])
  })
})
