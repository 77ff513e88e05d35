import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession, makeHelpSessions } from '../factories/help-session'
import { createUser, request, type Credentials } from '../server/support/http'
import { localDb, remoteDb } from '../server/support/pouch'
import { ADMIN, type TestServer, startWithVera } from '../server/support/server'

let t: TestServer
let vera: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
})
afterAll(() => t.stop())

async function serverCount(db: string): Promise<number> {
  return (await request(t.url, 'GET', `/${db}`, { auth: ADMIN })).body.doc_count as number
}

describe('attachments through replication', () => {
  it('pushes a signature image and pulls it back byte for byte, with the same digest', async () => {
    const image = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256))
    const tablet = localDb('att')
    const doc = { ...makeHelpSession({ staff: 'vera' }), _attachments: { 'signature.png': { content_type: 'image/png', data: image.toString('base64') } } }
    await tablet.put(doc)
    const localStub = (await tablet.get(doc._id))._attachments!['signature.png']!
    const push = await tablet.replicate.to(remoteDb(t.url, 'dgb-m-arendonk', vera))
    expect(push.doc_write_failures).toBe(0)
    const server = await request(t.url, 'GET', `/dgb-m-arendonk/${doc._id}`, { auth: vera })
    expect(server.body._attachments['signature.png']).toMatchObject({ digest: localStub.digest, length: 4096, stub: true })

    const other = localDb('att-pull')
    await other.replicate.from(remoteDb(t.url, 'dgb-m-arendonk', vera), { doc_ids: [doc._id] })
    const pulled = await other.getAttachment(doc._id, 'signature.png') as Buffer
    expect(Buffer.from(pulled).equals(Buffer.from(image))).toBe(true)
  })
})

describe('interrupted replication', () => {
  it('resumes a cancelled push from its checkpoint instead of starting over', async () => {
    const db = 'dgb-m-hoogstraten'
    await request(t.url, 'PUT', `/_users/org.couchdb.user:vera`, { auth: ADMIN, body: { ...(await request(t.url, 'GET', '/_users/org.couchdb.user:vera', { auth: ADMIN })).body, roles: ['volunteer', 'm:arendonk', 'm:hoogstraten'] } })
    const tablet = localDb('resume')
    await tablet.bulkDocs(makeHelpSessions(2000, { staff: 'vera', location: 'loc-hoogstraten-bib' }))
    const first = tablet.replicate.to(remoteDb(t.url, db, vera), { batch_size: 100 })
    first.on('change', (info) => {
      if (info.docs_written >= 500)
        first.cancel()
    })
    const partial = await first
    expect(partial.docs_written).toBeGreaterThanOrEqual(500)
    expect(partial.docs_written).toBeLessThan(2000)
    const written = await serverCount(db)
    expect(written).toBeLessThan(2000)

    const second = await tablet.replicate.to(remoteDb(t.url, db, vera), { batch_size: 100 })
    expect(second.ok).toBe(true)
    expect(await serverCount(db)).toBe(2000)
    // Only what the first run had not checkpointed is read again.
    expect(second.docs_read).toBeLessThanOrEqual(2000 - written + 100)
  })

  it('finishes a live push across a server restart', async () => {
    const db = 'dgb-m-arendonk'
    const before = await serverCount(db)
    const tablet = localDb('restart')
    await tablet.bulkDocs(makeHelpSessions(1500, { staff: 'vera' }))
    const sync = tablet.replicate.to(remoteDb(t.url, db, vera), { live: true, retry: true, batch_size: 100, back_off_function: () => 200 })
    let restarted: Promise<void> | undefined
    sync.on('change', () => {
      restarted ??= t.restart()
    })
    try {
      await expect.poll(() => restarted !== undefined, { timeout: 20_000 }).toBe(true)
      await restarted
      await expect.poll(() => serverCount(db), { timeout: 30_000, interval: 200 }).toBe(before + 1500)
    }
    finally {
      sync.cancel()
    }
  })
})

describe('large batches', () => {
  it('pushes and pulls 10,000 sessions', async () => {
    const db = 'dgb-m-merksplas'
    const coordinator = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
    const tablet = localDb('big')
    const sessions = makeHelpSessions(10_000, { staff: 'cora', location: 'loc-merksplas-bib' })
    await tablet.bulkDocs(sessions)
    const push = await tablet.replicate.to(remoteDb(t.url, db, coordinator), { batch_size: 500 })
    expect(push.docs_written).toBe(10_000)
    const other = localDb('big-pull')
    const pull = await other.replicate.from(remoteDb(t.url, db, coordinator), { batch_size: 500 })
    expect(pull.docs_written).toBe(10_000)
    expect((await other.info()).doc_count).toBe(10_000)
  })
})
