import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { provision } from '../../deploy/couchdb/provision'
import { allDatabases, securityFor } from '../../src/domain'
import { request } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

/**
 * The Apache CouchDB provisioning script speaks only CouchDB's HTTP API, so it is tested against
 * this server, which implements the same endpoints.
 */
let t: TestServer
beforeAll(async () => {
  t = await startTestServer()
})
afterAll(() => t.stop())

describe('deploy/couchdb provisioning against the sync-server', () => {
  it('sets up databases, _security, write-rule design documents and a coordinator, and can run again', async () => {
    const lines: string[] = []
    const opts = { url: t.url, user: ADMIN.name, password: ADMIN.password, coordinator: { name: 'coco', password: 'coco-password' }, log: (l: string) => lines.push(l) }
    await provision(opts)
    await provision(opts)
    expect(lines.filter(l => l.includes('exists')).length).toBeGreaterThanOrEqual(allDatabases().length)
    for (const db of allDatabases()) {
      expect((await request(t.url, 'GET', `/${db}/_security`, { auth: ADMIN })).body).toEqual(securityFor(db))
      const design = await request(t.url, 'GET', `/${db}/_all_docs?startkey="_design/"&endkey="_design0"&include_docs=true`, { auth: ADMIN })
      expect(design.body.rows).toHaveLength(1)
      expect(typeof design.body.rows[0].doc.validate_doc_update).toBe('string')
      // Run twice, the design document was updated, not duplicated or conflicted.
      expect(design.body.rows[0].value.rev).toMatch(/^2-/)
    }
    const session = await request(t.url, 'POST', '/_session', { body: { name: 'coco', password: 'coco-password' } })
    expect(session.body).toEqual({ ok: true, name: 'coco', roles: ['coordinator'] })
  })
})
