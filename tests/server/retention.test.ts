import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'
import { digestDataDir } from './support/digest'
import { request, type Credentials } from './support/http'
import { localDb, remoteDb } from './support/pouch'
import { runCli } from './support/process'
import { ADMIN, type TestServer, startWithVera } from './support/server'

let t: TestServer
let vera: Credentials
const M = 'dgb-m-arendonk'
const R = 'dgb-residents'
const LONG_AGO = '2022-01-10T09:00:00.000Z'
const RECENTLY = new Date(Date.now() - 10 * 86_400_000).toISOString()

const oldNote = makeHelpSession({ staff: 'vera', now: LONG_AGO, startedAt: LONG_AGO, note: 'Hulp bij de jobbonus' })
const freshNote = makeHelpSession({ staff: 'vera', now: RECENTLY, startedAt: RECENTLY, note: 'Recente notitie' })
const gone = makePerson({ staff: 'vera', now: LONG_AGO, firstName: 'Godelieve', lastName: 'Vergeten' })
const active = makePerson({ staff: 'vera', now: LONG_AGO, firstName: 'Achiel', lastName: 'Actief' })
const visitOfActive = makeHelpSession({ staff: 'vera', now: RECENTLY, startedAt: RECENTLY, personId: active._id })
const tablet = localDb('retention')

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  for (const [db, doc] of [[M, oldNote], [M, freshNote], [R, gone], [R, active], [M, visitOfActive]] as const) {
    const put = await request(t.url, 'PUT', `/${db}/${doc._id}`, { auth: vera, body: doc })
    expect(put.status, JSON.stringify(put.body)).toBe(201)
  }
  await tablet.replicate.from(remoteDb(t.url, R, vera))
})
afterAll(() => t.stop())

const get = (db: string, id: string) => request(t.url, 'GET', `/${db}/${id}`, { auth: ADMIN })

describe('retention job', () => {
  it('reports what a dry run would remove, in counts only, and changes nothing', async () => {
    const before = digestDataDir(t.dataDir)
    const out = await runCli(['purge', '--dry-run'], { DATA_DIR: t.dataDir })
    expect(out.code).toBe(0)
    expect(out.out).toContain('would remove: fields: help-session.note 1; records: person 1; purged after the grace period: 0')
    expect(out.out).not.toMatch(/Godelieve|Vergeten|person:|session:/)
    expect(digestDataDir(t.dataDir)).toEqual(before)
  })

  it('drops old notes (keeping the session), deletes residents without activity, keeps the rest', async () => {
    const out = await runCli(['purge'], { DATA_DIR: t.dataDir })
    expect(out.out).toContain('removed: fields: help-session.note 1; records: person 1')
    const session = await get(M, oldNote._id)
    expect(session.body.note).toBeUndefined()
    expect(session.body.categories).toEqual(oldNote.categories)
    // The revision that held the note is gone from the server, not only superseded.
    const first = (await request(t.url, 'GET', `/${M}/${oldNote._id}?revs=true`, { auth: ADMIN })).body._revisions
    expect((await request(t.url, 'GET', `/${M}/${oldNote._id}?rev=${first.start - 1}-${first.ids[1]}`, { auth: ADMIN })).status).toBe(404)
    expect((await get(M, freshNote._id)).body.note).toBe('Recente notitie')
    expect((await get(R, gone._id)).status).toBe(404)
    expect((await get(R, active._id)).status).toBe(200)
    const audit = await request(t.url, 'GET', '/_digibalie/audit?db=dgb-residents', { auth: ADMIN })
    expect(audit.body.entries.filter((e: { account: string }) => e.account === 'retention').map((e: { id: string, action: string }) => [e.id, e.action])).toEqual([[gone._id, 'delete']])
  })

  it('reaches tablets as an ordinary deletion', async () => {
    await tablet.replicate.from(remoteDb(t.url, R, vera))
    await expect(tablet.get(gone._id)).rejects.toMatchObject({ status: 404 })
    expect((await tablet.get(active._id))._id).toBe(active._id)
  })

  it('purges the deletion after the grace period, and refuses it coming back from a stale tablet', async () => {
    const stale = localDb('stale')
    await stale.put({ ...gone })
    writeFileSync(join(t.dataDir, 'retention.json'), JSON.stringify({ graceDays: 0, rules: [] }))
    const out = await runCli(['purge'], { DATA_DIR: t.dataDir })
    expect(out.out).toContain('purged after the grace period: 1')
    const missing = await get(R, gone._id)
    expect(missing.body).toEqual({ error: 'not_found', reason: 'missing' })
    const feed = await request(t.url, 'GET', `/${R}/_changes`, { auth: ADMIN })
    expect(feed.body.results.map((c: { id: string }) => c.id)).not.toContain(gone._id)
    expect((await request(t.url, 'GET', `/${R}`, { auth: ADMIN })).body.purge_seq).toBe(1)
    const denied: string[] = []
    await stale.replicate.to(remoteDb(t.url, R, vera)).on('denied', e => denied.push(String((e as { reason?: string }).reason ?? e)))
    expect(denied.join()).toContain('removed')
    expect((await get(R, gone._id)).status).toBe(404)
  })
})

describe('POST /{db}/_purge', () => {
  it('removes a conflicting leaf for server admins, as CouchDB does', async () => {
    const doc = makeHelpSession({ staff: 'admin' })
    const a = await request(t.url, 'POST', `/${M}/_bulk_docs`, { auth: ADMIN, body: { new_edits: false, docs: [{ ...doc, _rev: '1-aaaa' }, { ...doc, _rev: '1-bbbb', durationMinutes: 30 }] } })
    expect(a.status).toBe(201)
    expect((await get(M, `${doc._id}?conflicts=true`)).body._conflicts).toEqual(['1-aaaa'])
    const res = await request(t.url, 'POST', `/${M}/_purge`, { auth: ADMIN, body: { [doc._id]: ['1-aaaa', '9-nope'] } })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({ purge_seq: null, purged: { [doc._id]: ['1-aaaa'] } })
    const after = await get(M, `${doc._id}?conflicts=true`)
    expect(after.body._rev).toBe('1-bbbb')
    expect(after.body._conflicts).toBeUndefined()
  })

  it('is refused to everyone else, and checks its body', async () => {
    expect((await request(t.url, 'POST', `/${M}/_purge`, { body: {} })).status).toBe(401)
    expect((await request(t.url, 'POST', `/${M}/_purge`, { auth: vera, body: {} })).status).toBe(403)
    expect((await request(t.url, 'POST', `/${M}/_purge`, { auth: ADMIN, body: { x: 'y' } })).status).toBe(400)
    expect((await request(t.url, 'GET', `/${M}/_purge`, { auth: ADMIN })).status).toBe(405)
  })
})
