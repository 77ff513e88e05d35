import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession, makeHelpSessions } from '../factories/help-session'
import { createUser, request, type Credentials } from '../server/support/http'
import { localDb, remoteDb } from '../server/support/pouch'
import { ADMIN, type TestServer, startWithVera } from '../server/support/server'

const DB = 'dgb-m-arendonk'
let t: TestServer
let vera: Credentials
let cora: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  cora = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
})
afterAll(() => t.stop())

async function ids(db: PouchDB.Database): Promise<string[]> {
  const all = await db.allDocs()
  return all.rows.map(r => r.id).filter(id => id.startsWith('session:')).sort()
}

describe('real PouchDB 9 clients against the sync-server', () => {
  it('moves 1,000 sessions up and down, and a restart in between loses nothing', async () => {
    const tablet = localDb('tablet')
    const sessions = makeHelpSessions(1000, { staff: 'vera' })
    await tablet.bulkDocs(sessions)
    const push = await tablet.replicate.to(remoteDb(t.url, DB, vera))
    expect(push.ok).toBe(true)
    expect(push.docs_written).toBe(1000)
    expect(push.doc_write_failures).toBe(0)

    await t.restart()

    const coordinatorTablet = localDb('coordinator')
    const pull = await coordinatorTablet.replicate.from(remoteDb(t.url, DB, cora))
    expect(pull.ok).toBe(true)
    expect(await ids(coordinatorTablet)).toEqual(sessions.map(s => s._id).sort())
    const one = await coordinatorTablet.get(sessions[500]!._id)
    expect(one).toMatchObject({ categories: sessions[500]!.categories, createdBy: 'vera', startedAt: sessions[500]!.startedAt })

    // A second push is a no-op: the checkpoint (and the stable server uuid) survived the restart.
    const again = await tablet.replicate.to(remoteDb(t.url, DB, vera))
    expect(again.docs_written).toBe(0)
    expect(again.docs_read).toBe(0)
  })

  it('live-syncs a session from one tablet to another', async () => {
    const a = localDb('a')
    const b = localDb('b')
    const remote = remoteDb(t.url, DB, vera)
    const syncA = a.sync(remote, { live: true, retry: true })
    const syncB = b.sync(remoteDb(t.url, DB, cora), { live: true, retry: true })
    try {
      const doc = makeHelpSession({ staff: 'vera' })
      await a.put(doc)
      await expect.poll(async () => (await b.get(doc._id).catch(() => null))?._rev, { timeout: 15_000, interval: 100 }).toBeDefined()
      const reverse = makeHelpSession({ staff: 'cora' })
      await b.put(reverse)
      await expect.poll(async () => (await a.get(reverse._id).catch(() => null))?._id, { timeout: 15_000, interval: 100 }).toBe(reverse._id)
    }
    finally {
      syncA.cancel()
      syncB.cancel()
    }
  })

  it('reports refused documents as denied and keeps the valid ones', async () => {
    const tablet = localDb('denied')
    const good = makeHelpSession({ staff: 'vera' })
    const invalid = { ...makeHelpSession({ staff: 'vera' }), outcome: 'misschien' }
    const impostor = makeHelpSession({ staff: 'cora' })
    await tablet.bulkDocs([good, invalid, impostor])
    const denied: { id?: string, reason?: string }[] = []
    const result = await tablet.replicate.to(remoteDb(t.url, DB, vera)).on('denied', (err) => {
      denied.push(err as { id?: string, reason?: string })
    })
    expect(result.docs_written).toBe(1)
    expect(result.doc_write_failures).toBe(2)
    expect(denied.map(d => d.id).sort()).toEqual([impostor._id, invalid._id].sort())
    expect(denied.find(d => d.id === impostor._id)?.reason).toBe('createdBy must be the signed-in account')
    expect(denied.find(d => d.id === invalid._id)?.reason).toContain('outcome')
    const server = await request(t.url, 'GET', `/${DB}/${good._id}`, { auth: vera })
    expect(server.status).toBe(200)
  })

  it('picks the same winner for a conflict as PouchDB does locally', async () => {
    const a = localDb('conflict-a')
    const b = localDb('conflict-b')
    const remote = remoteDb(t.url, DB, vera)
    const base = makeHelpSession({ staff: 'vera' })
    await a.put(base)
    await a.replicate.to(remote)
    await b.replicate.from(remote, { doc_ids: [base._id] })
    const onA = await a.get(base._id)
    const onB = await b.get(base._id)
    await a.put({ ...onA, durationMinutes: 20, updatedAt: new Date().toISOString() })
    await b.put({ ...onB, durationMinutes: 45, note: 'langer', updatedAt: new Date().toISOString() })
    await a.replicate.to(remote)
    await b.replicate.to(remote)
    // Both edits are kept on the server; one is the winner, the other a conflict.
    const server = await request(t.url, 'GET', `/${DB}/${base._id}?conflicts=true`, { auth: vera })
    expect(server.body._conflicts).toHaveLength(1)
    await a.replicate.from(remote)
    const local = await a.get(base._id, { conflicts: true })
    expect(server.body._rev).toBe(local._rev)
    expect(server.body._conflicts).toEqual(local._conflicts)
    expect(server.body.durationMinutes).toBe((local as unknown as { durationMinutes: number }).durationMinutes)
  })

  it('replicates a deletion by the author', async () => {
    const tablet = localDb('delete')
    const remote = remoteDb(t.url, DB, vera)
    const doc = makeHelpSession({ staff: 'vera' })
    const { rev } = await tablet.put(doc)
    await tablet.replicate.to(remote)
    await tablet.remove(doc._id, rev)
    const result = await tablet.replicate.to(remote)
    expect(result.doc_write_failures).toBe(0)
    const server = await request(t.url, 'GET', `/${DB}/${doc._id}`, { auth: vera })
    expect(server.status).toBe(404)
    expect(server.body).toEqual({ error: 'not_found', reason: 'deleted' })
  })
})
