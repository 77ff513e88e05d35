import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerState } from '../../sync-server/http/context'
import { handle } from '../../sync-server/http/router'
import { request, type Credentials } from './support/http'
import { ADMIN, type TestServer, startWithVera } from './support/server'

/**
 * The defects found in pouchdb-server 4.2, each as a test: none of them may come back.
 */
let t: TestServer
let vera: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
})
afterAll(() => t.stop())

async function stillUp(): Promise<void> {
  expect((await request(t.url, 'GET', '/_up')).status).toBe(200)
}

describe('defects of pouchdb-server 4.2', () => {
  it('a non-admin PUT /{db} is a 401 or 403, not a crash', async () => {
    const anonymous = await request(t.url, 'PUT', '/new-db')
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error).toBe('unauthorized')
    const member = await request(t.url, 'PUT', '/new-db', { auth: vera })
    expect(member.status).toBe(403)
    expect(member.body).toEqual({ error: 'forbidden', reason: 'You are not a server admin.' })
    const existing = await request(t.url, 'PUT', '/dgb-m-arendonk', { auth: vera })
    expect(existing.status).toBe(403)
    await stillUp()
    expect((await request(t.url, 'GET', '/new-db', { auth: ADMIN })).status).toBe(404)
  })

  it('_changes with a missing or invalid filter is a 400 or 404, not a crash', async () => {
    const db = '/dgb-m-arendonk/_changes'
    const cases: [string, string, unknown, number][] = [
      ['GET', `${db}?filter=_doc_ids`, undefined, 400],
      ['POST', `${db}?filter=_doc_ids`, { doc_ids: 'not-a-list' }, 400],
      ['POST', `${db}?filter=_selector`, {}, 400],
      ['POST', `${db}?filter=_selector`, { selector: [] }, 400],
      ['GET', `${db}?filter=`, undefined, 400],
      ['GET', `${db}?filter=nonsense`, undefined, 400],
      ['GET', `${db}?filter=app/missing`, undefined, 404],
      ['GET', `${db}?filter=_view&view=app/v`, undefined, 404],
      ['GET', `${db}?feed=eventsource`, undefined, 400],
      ['GET', `${db}?limit=-1`, undefined, 400],
    ]
    for (const [method, path, body, status] of cases) {
      const res = await request(t.url, method, path, { auth: vera, body })
      expect({ path, status: res.status }).toEqual({ path, status })
      expect(res.body).toEqual({ error: expect.any(String), reason: expect.any(String) })
    }
    await stillUp()
  })

  it('a member cannot write _security or _local/_security and promote themselves', async () => {
    const before = (await request(t.url, 'GET', '/dgb-m-arendonk/_security', { auth: ADMIN })).body
    const promote = { admins: { names: ['vera'], roles: [] }, members: { names: ['vera'], roles: [] } }
    expect((await request(t.url, 'PUT', '/dgb-m-arendonk/_security', { auth: vera, body: promote })).status).toBe(403)
    expect((await request(t.url, 'PUT', '/dgb-m-arendonk/_local/_security', { auth: vera, body: promote })).status).toBe(403)
    const bulk = await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: vera, body: { docs: [{ _id: '_local/_security', ...promote }] } })
    expect(bulk.body[0]).toMatchObject({ error: 'forbidden' })
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_security', { auth: vera })).status).toBe(403)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_security', { auth: ADMIN })).body).toEqual(before)
    // Nor can the member reach a database of another municipality afterwards.
    expect((await request(t.url, 'PUT', '/dgb-m-ravels/_security', { auth: vera, body: promote })).status).toBe(403)
    expect((await request(t.url, 'GET', '/dgb-m-ravels', { auth: vera })).status).toBe(403)
  })

  it('_all_dbs lists only the databases the caller may read', async () => {
    const mine = await request(t.url, 'GET', '/_all_dbs', { auth: vera })
    expect(mine.body).toEqual(['dgb-config', 'dgb-m-arendonk', 'dgb-residents'])
    expect((await request(t.url, 'GET', '/_all_dbs')).body).toEqual([])
    const all = await request(t.url, 'GET', '/_all_dbs', { auth: ADMIN })
    expect(all.body).toEqual(expect.arrayContaining(['_users', 'dgb-lending', 'dgb-m-ravels']))
  })

  it('no internal error text reaches a client', async () => {
    const lines: string[] = []
    const secret = 'SQLITE_CORRUPT at /srv/data/db/dgb-m-arendonk.sqlite row 42'
    const state = {
      registry: { get: () => { throw new Error(secret) } },
      log: (line: string) => lines.push(line),
    } as unknown as ServerState
    let status = 0
    let body = ''
    const res = {
      headersSent: false,
      once: () => res,
      setHeader: () => undefined,
      writeHead: (s: number) => { status = s },
      end: (text: string) => { body = text },
    } as unknown as ServerResponse
    const req = { method: 'GET', url: '/dgb-m-arendonk', headers: {}, socket: {} } as unknown as IncomingMessage
    await handle(req, res, state, undefined)
    expect(status).toBe(500)
    expect(JSON.parse(body)).toEqual({ error: 'internal_server_error', reason: 'An internal error occurred.' })
    expect(body).not.toContain('SQLITE')
    expect(lines.join('\n')).not.toContain('/srv/data')
  })
})
