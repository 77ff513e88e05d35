import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { createUser, request, type Credentials } from './support/http'
import { localDb, remoteDb } from './support/pouch'
import { ADMIN, type TestServer, startWithVera } from './support/server'

let t: TestServer
let vera: Credentials
let coordinator: Credentials
const DB = 'dgb-m-arendonk'

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  coordinator = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
})
afterAll(() => t.stop())

async function auditOf(query = '') {
  const res = await request(t.url, 'GET', `/_digibalie/audit${query}`, { auth: coordinator })
  expect(res.status).toBe(200)
  return res.body as { entries: Record<string, unknown>[], last_seq: number }
}

describe('audit trail', () => {
  it('records create, update and delete with account, database, id, revision and kind, and no body', async () => {
    const doc = makeHelpSession({ staff: 'vera', note: 'Mevrouw kreeg hulp met itsme' })
    const created = await request(t.url, 'PUT', `/${DB}/${doc._id}`, { auth: vera, body: doc })
    const updated = await request(t.url, 'PUT', `/${DB}/${doc._id}`, { auth: vera, body: { ...doc, _rev: created.body.rev, durationMinutes: 20 } })
    const deleted = await request(t.url, 'DELETE', `/${DB}/${doc._id}?rev=${updated.body.rev}`, { auth: vera })
    expect(deleted.body.ok).toBe(true)

    const res = await request(t.url, 'GET', '/_digibalie/audit', { auth: coordinator })
    const mine = (res.body.entries as Record<string, unknown>[]).filter(e => e.id === doc._id)
    expect(mine.map(e => [e.action, e.rev, e.account, e.db, e.kind])).toEqual([
      ['create', created.body.rev, 'vera', DB, 'help-session'],
      ['update', updated.body.rev, 'vera', DB, 'help-session'],
      ['delete', deleted.body.rev, 'vera', DB, null],
    ])
    for (const e of mine) {
      expect(Object.keys(e).sort()).toEqual(['account', 'action', 'at', 'db', 'id', 'kind', 'rev', 'seq'])
      expect(Number.isNaN(Date.parse(String(e.at)))).toBe(false)
    }
    expect(JSON.stringify(res.body)).not.toContain('itsme')
  })

  it('records replicated revisions once, and neither refusals nor checkpoints', async () => {
    const before = (await auditOf('?limit=1000')).last_seq
    const tablet = localDb('audit')
    const docs = [makeHelpSession({ staff: 'vera' }), makeHelpSession({ staff: 'vera' })]
    await tablet.bulkDocs(docs)
    const remote = remoteDb(t.url, DB, vera)
    await tablet.replicate.to(remote)
    // The same revisions again (a second tablet, or a retried batch) change nothing.
    await localDb('audit-2').replicate.from(remote, { doc_ids: docs.map(d => d._id) }).then(async () => tablet.replicate.to(remote))
    const refused = await request(t.url, 'PUT', `/${DB}/${makeHelpSession({ staff: 'someone-else' })._id}`, { auth: vera, body: makeHelpSession({ staff: 'someone-else' }) })
    expect(refused.status).toBe(403)

    const after = await auditOf(`?since=${before}`)
    expect(after.entries.map(e => [e.id, e.action])).toEqual(docs.map(d => [d._id, 'create']))
    expect(after.entries.every(e => !String(e.id).startsWith('_local/'))).toBe(true)
  })

  it('pages with since and limit, filters by database, and survives a restart', async () => {
    const first = await auditOf('?limit=2')
    expect(first.entries).toHaveLength(2)
    const rest = await auditOf(`?since=${first.last_seq}`)
    expect(rest.entries[0]!.seq).toBeGreaterThan(first.last_seq)
    const other = makeHelpSession({ staff: 'admin', location: 'loc-ravels-bib' })
    expect((await request(t.url, 'PUT', `/dgb-m-ravels/${other._id}`, { auth: ADMIN, body: other })).status).toBe(201)
    const ravels = await auditOf('?db=dgb-m-ravels')
    expect(ravels.entries.map(e => [e.id, e.account])).toEqual([[other._id, 'admin']])
    await t.restart()
    expect((await auditOf('?db=dgb-m-ravels')).entries).toHaveLength(1)
  })

  it('is for coordinators only: 401 anonymous, 403 volunteers, 400 on bad paging', async () => {
    expect((await request(t.url, 'GET', '/_digibalie/audit')).status).toBe(401)
    const volunteer = await request(t.url, 'GET', '/_digibalie/audit', { auth: vera })
    expect(volunteer.status).toBe(403)
    expect(volunteer.body.error).toBe('forbidden')
    expect((await request(t.url, 'GET', '/_digibalie/audit?since=-1', { auth: coordinator })).status).toBe(400)
    expect((await request(t.url, 'POST', '/_digibalie/audit', { auth: coordinator })).status).toBe(405)
    expect((await request(t.url, 'GET', '/_digibalie/nothing', { auth: coordinator })).status).toBe(404)
  })
})

describe('tablets overview', () => {
  it('shows per account when it last synced, how many documents it pushed, and its checkpoints', async () => {
    const tablet = localDb('overview')
    await tablet.bulkDocs([makeHelpSession({ staff: 'vera' }), makeHelpSession({ staff: 'vera' }), makeHelpSession({ staff: 'vera' })])
    const started = new Date().toISOString()
    await tablet.replicate.to(remoteDb(t.url, DB, vera))
    const res = await request(t.url, 'GET', '/_digibalie/tablets', { auth: coordinator })
    expect(res.status).toBe(200)
    const veraRow = res.body.tablets.find((x: { account: string }) => x.account === 'vera')
    expect(veraRow.docsPushed).toBeGreaterThanOrEqual(3)
    expect(veraRow.lastSyncAt >= started).toBe(true)
    expect(veraRow.databases).toEqual([{ db: DB, lastCheckpointAt: expect.any(String) }])
    expect((await request(t.url, 'GET', '/_digibalie/tablets', { auth: vera })).status).toBe(403)
  })
})
