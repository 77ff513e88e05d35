import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { Outbox, UNSTORED_GRACE_MS } from '../../src/data/outbox'
import { PouchStore } from '../../src/data/pouch'
import { Projector, toSessionRecord } from '../../src/data/projector'
import { ReadModel } from '../../src/data/read-model'
import { makeHelpSession } from '../factories/help-session'
import { makeSessionInput } from '../factories/session-input'
import { localDb, newDevice, volunteer } from './helpers/device'
import { interceptLocalDbs, watchTableCalls } from './helpers/intercept'

/*
 * A save puts its own row straight from the written document (outbox revision and row in one
 * transaction) and leaves the checkpoint to the changes feed. These tests hold it to what the feed
 * alone gave: the same rows, a checkpoint that ends where the database ends, and nothing lost or
 * invented when the tab dies between steps.
 */

const vera = volunteer('vera', 'arendonk')
const open: Array<{ close(): unknown }> = []

afterEach(async () => {
  vi.restoreAllMocks()
  for (const o of open.splice(0).reverse())
    await o.close()
})

function device(prefix?: string): { data: DataLayer, prefix: string } {
  const d = newDevice(prefix ? { localPrefix: prefix } : {})
  open.push(d.data)
  return d
}

/**
 * Local database names of a tablet with no data layer running: these tests drive the projector
 * and outbox by hand, and a data layer starting on the same names would read the feed itself
 * (it follows every database with a checkpoint) past the document they hold back.
 */
function devicePrefix(): string {
  return `held-${Math.random().toString(36).slice(2, 10)}-`
}

function readModel(prefix: string): ReadModel {
  const rm = new ReadModel(`${prefix}digibalie`)
  open.push(rm)
  return rm
}

async function checkpointIsAtEnd(prefix: string, dbName: string): Promise<void> {
  const db = localDb(prefix, dbName)
  const end = (await db.info()).update_seq
  await db.close()
  await vi.waitFor(async () => expect((await readModel(prefix).checkpoints.get(dbName))?.seq).toBe(end))
}

describe('saving a session', () => {
  it('lists it at once, pending, and the feed later gives exactly the same rows and a checkpoint at the end', async () => {
    const { data, prefix } = device()
    const saved = []
    for (let i = 0; i < 5; i++)
      saved.push((await data.sessions.create(makeSessionInput(), vera)).ok)
    const first = await data.sessions.list({})
    expect(saved).toEqual([true, true, true, true, true])
    expect(first).toHaveLength(5)
    expect(first.every(r => r.pending)).toBe(true)

    await checkpointIsAtEnd(prefix, 'dgb-m-arendonk')
    expect(await data.sessions.list({})).toEqual(first)
    await data.readModel.rebuild()
    expect(await data.sessions.list({})).toEqual(first)
  })

  it('the feed moves the checkpoint past a saved session without putting its row a second time', async () => {
    const { data, prefix } = device()
    expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    await checkpointIsAtEnd(prefix, 'dgb-m-arendonk')
    // The tables the feed writes, through the data layer's own instance.
    const written = watchTableCalls(readModel(prefix).sessions, 'bulkPut')

    const saved = await data.sessions.create(makeSessionInput(), vera)
    await checkpointIsAtEnd(prefix, 'dgb-m-arendonk')

    expect(written.filter(name => name === 'sessions')).toEqual([])
    expect((await data.sessions.list({})).find(r => r.id === (saved.ok ? saved.value._id : ''))).toMatchObject({ pending: true, conflicted: false })
  })

  it('an edit shows its new revision at once and keeps the conflict flag of a session in conflict', async () => {
    const { data, prefix } = device()
    const created = await data.sessions.create(makeSessionInput({ durationMinutes: 10 }), vera)
    if (!created.ok)
      throw new Error('not saved')
    // Another tablet's edit of the same revision arrives: two leaves, a conflict the feed flags.
    const db = localDb(prefix, 'dgb-m-arendonk')
    await db.bulkDocs([{ ...created.value, durationMinutes: 90, _rev: '1-zzzz', _revisions: { start: 1, ids: ['zzzz'] } }], { new_edits: false })
    await db.close()
    await vi.waitFor(async () => expect((await data.sessions.list({}))[0]).toMatchObject({ conflicted: true }))
    const winner = await data.sessions.get(created.value._id)

    const edited = await data.sessions.update(created.value._id, { ...makeSessionInput(), durationMinutes: 45 }, vera)

    expect(edited.ok).toBe(true)
    const [row] = await data.sessions.list({})
    expect(row).toMatchObject({ id: created.value._id, durationMinutes: 45, conflicted: true, pending: true })
    expect(row!.rev).not.toBe(winner!._rev)
  })
})

describe('a save cut short', () => {
  it('after the put, before its outbox entry: the next start lists the record once, with its revision owed', async () => {
    const first = device()
    expect((await first.data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    await checkpointIsAtEnd(first.prefix, 'dgb-m-arendonk')
    await open.splice(0)[0]!.close()
    const doc = makeHelpSession({ staff: 'vera' })
    // The put happened; the tab died before the outbox entry and the row.
    const db = localDb(first.prefix, 'dgb-m-arendonk')
    const { rev } = await db.put(doc)
    await db.close()

    const { data } = device(first.prefix)

    await vi.waitFor(async () => expect((await data.sessions.list({})).filter(r => r.id === doc._id)).toMatchObject([{ rev, pending: true }]))
    expect(await readModel(first.prefix).outbox.get(doc._id)).toMatchObject({ rev })
    expect(await data.sessions.list({})).toHaveLength(2)
  })

  it('an edit cut short after its put: the next start owes the new revision, not the one before it', async () => {
    const first = device()
    const created = await first.data.sessions.create(makeSessionInput(), vera)
    if (!created.ok)
      throw new Error('not saved')
    await checkpointIsAtEnd(first.prefix, 'dgb-m-arendonk')
    await open.splice(0)[0]!.close()
    // The edit's put happened; the tab died before its outbox entry.
    const db = localDb(first.prefix, 'dgb-m-arendonk')
    const { rev } = await db.put({ ...created.value, durationMinutes: 50 })
    await db.close()

    device(first.prefix)

    await vi.waitFor(async () => expect(await readModel(first.prefix).outbox.get(created.value._id)).toMatchObject({ rev }))
    expect(rev).not.toBe(created.value._rev)
  })

  it('the feed reading the put before its outbox entry is written does not hide it from the next start, even in a database never read before', async () => {
    const prefix = devicePrefix()
    const rm = readModel(prefix)
    const pouch = new PouchStore({ localPrefix: prefix, serverUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch })
    const projector = new Projector(rm, pouch)
    const doc = makeHelpSession({ staff: 'wim', location: 'loc-ravels-weelde' })
    await projector.beginWrite('dgb-m-ravels', doc._id)
    const { rev } = await pouch.local('dgb-m-ravels').put(doc)
    // The feed wakes in between (a pull, another save): it must not read past the document.
    await projector.catchUp('dgb-m-ravels')
    expect((await rm.checkpoints.get('dgb-m-ravels'))?.seq).toBe(0)
    // The tab dies here: no outbox entry, no row, no endWrite.
    await projector.close()
    await pouch.close()

    const { data } = device(prefix)

    await vi.waitFor(async () => expect(await rm.outbox.get(doc._id)).toMatchObject({ db: 'dgb-m-ravels', rev }))
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => [r.id, r.pending])).toEqual([[doc._id, true]]))
  })

  it('once the outbox entry is written, the feed reads on past the document it held back', async () => {
    const prefix = devicePrefix()
    const rm = readModel(prefix)
    const pouch = new PouchStore({ localPrefix: prefix, serverUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch })
    const projector = new Projector(rm, pouch)
    open.push(pouch, projector)
    const [held, next] = [makeHelpSession({ staff: 'vera' }), makeHelpSession({ staff: 'vera' })]
    await projector.beginWrite('dgb-m-arendonk', held._id)
    await pouch.local('dgb-m-arendonk').put(held)
    await pouch.local('dgb-m-arendonk').put(next)
    await projector.catchUp('dgb-m-arendonk')
    expect(await rm.sessions.count()).toBe(0)

    projector.endWrite('dgb-m-arendonk', held._id)

    await vi.waitFor(async () => expect((await rm.sessions.toArray()).map(r => r.id).sort()).toEqual([held._id, next._id].sort()))
    expect((await rm.checkpoints.get('dgb-m-arendonk'))?.seq).toBe((await pouch.local('dgb-m-arendonk').info()).update_seq)
  })

  it('after its row, before the feed read it: the next start resumes from the checkpoint and lists every record once', async () => {
    const first = device()
    for (let i = 0; i < 3; i++)
      expect((await first.data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    const before = await first.data.sessions.list({})
    await checkpointIsAtEnd(first.prefix, 'dgb-m-arendonk')
    await open.splice(0)[0]!.close()
    // The rows are there, but the feed never read these saves: its checkpoint is where it started.
    await readModel(first.prefix).checkpoints.put({ db: 'dgb-m-arendonk', seq: 0 })

    const { data } = device(first.prefix)

    await checkpointIsAtEnd(first.prefix, 'dgb-m-arendonk')
    expect(await data.sessions.list({})).toEqual(before)
  })
})

describe('a new session: the put and the row with its entry at the same time', () => {
  it('writes the row and the outbox entry while the put is still running, and resolves only once both are stored', async () => {
    const { data, prefix } = device()
    // Hold the put of the new document until the row and entry are visible from elsewhere.
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    interceptLocalDbs(['bulkDocs'], real => (...args) => held.then(() => real(...args)))
    let resolved = false
    const saving = data.sessions.create(makeSessionInput(), vera).then((r) => {
      resolved = true
      return r
    })

    const rm = readModel(prefix)
    await vi.waitFor(async () => expect(await rm.outbox.count()).toBe(1))
    expect(await rm.sessions.count()).toBe(1)
    expect(resolved).toBe(false)
    release()
    const saved = await saving

    if (!saved.ok)
      throw new Error('not saved')
    expect(saved.value._rev).toMatch(/^1-[0-9a-f]{32}$/)
    const stored = localDb(prefix, 'dgb-m-arendonk')
    open.push(stored)
    expect((await stored.get(saved.value._id))._rev).toBe(saved.value._rev)
    expect(await rm.outbox.get(saved.value._id)).toMatchObject({ rev: saved.value._rev })
    await checkpointIsAtEnd(prefix, 'dgb-m-arendonk')
  })

  it('cut short after the row and entry, before the put: the next start drops both and keeps every record that was stored', async () => {
    const first = device()
    const kept = await first.data.sessions.create(makeSessionInput(), vera)
    if (!kept.ok)
      throw new Error('not saved')
    await checkpointIsAtEnd(first.prefix, 'dgb-m-arendonk')
    await open.splice(0)[0]!.close()
    // The tab died with the row and entry committed and the put not: never stored, never "saved".
    const doc = makeHelpSession({ staff: 'vera' })
    const rev = `1-${'ab'.repeat(16)}`
    const rm = readModel(first.prefix)
    await rm.transaction('rw', [rm.sessions, rm.outbox], async () => {
      await rm.sessions.put(toSessionRecord('dgb-m-arendonk', { ...doc, _rev: rev })!)
      await rm.outbox.put({ id: doc._id, db: 'dgb-m-arendonk', rev, queuedAt: new Date(Date.now() - 60_000).toISOString() })
    })

    const { data } = device(first.prefix)

    await vi.waitFor(async () => expect(await rm.outbox.get(doc._id)).toBeUndefined())
    expect(await rm.sessions.get(doc._id)).toBeUndefined()
    expect((await data.sessions.list({})).map(r => [r.id, r.pending])).toEqual([[kept.value._id, true]])
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ pending: 1 }))
  })
})

describe('a second tab starting during a save', () => {
  it('does not take a put still running in the first tab for a save cut short', async () => {
    const prefix = devicePrefix()
    // The first tab has written the row and the entry; its put commits a moment after the second
    // tab has started and found them.
    const doc = makeHelpSession({ staff: 'vera' })
    const rev = `1-${'cd'.repeat(16)}`
    const rm = readModel(prefix)
    await rm.transaction('rw', [rm.sessions, rm.outbox], async () => {
      await rm.sessions.put(toSessionRecord('dgb-m-arendonk', { ...doc, _rev: rev })!)
      await rm.outbox.put({ id: doc._id, db: 'dgb-m-arendonk', rev, queuedAt: new Date().toISOString() })
    })
    const local = localDb(prefix, 'dgb-m-arendonk')
    open.push(local)

    const { data } = device(prefix)
    await new Promise(resolve => setTimeout(resolve, UNSTORED_GRACE_MS / 4))
    await local.bulkDocs([{ ...doc, _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } }], { new_edits: false })

    expect((await data.sessions.list({})).map(r => [r.id, r.pending])).toEqual([[doc._id, true]])
    expect(await rm.outbox.get(doc._id)).toMatchObject({ rev })
  })
})

describe('a save whose row could not be written', () => {
  it('is still saved: its entry is written alone and the feed brings the row', async () => {
    const { data, prefix } = device()
    vi.spyOn(Projector.prototype, 'projectWritten').mockRejectedValueOnce(new Error('AbortError'))

    const saved = await data.sessions.create(makeSessionInput(), vera)

    expect(saved.ok).toBe(true)
    const id = saved.ok ? saved.value._id : ''
    expect(await readModel(prefix).outbox.get(id)).toMatchObject({ rev: saved.ok ? saved.value._rev : '' })
    await vi.waitFor(async () => expect((await data.sessions.list({})).map(r => [r.id, r.pending])).toEqual([[id, true]]))
    await checkpointIsAtEnd(prefix, 'dgb-m-arendonk')
  })
})

describe('Projector.projectWritten', () => {
  async function setup() {
    const prefix = devicePrefix()
    const rm = readModel(prefix)
    const pouch = new PouchStore({ localPrefix: prefix, serverUrl: 'http://127.0.0.1:9', fetch: globalThis.fetch })
    const projector = new Projector(rm, pouch)
    open.push(pouch, projector)
    return { rm, projector, outbox: new Outbox(rm) }
  }

  it('never puts an older revision over a newer row, and still records the outbox revision', async () => {
    const { rm, projector, outbox } = await setup()
    const doc = makeHelpSession({ staff: 'vera' })
    await rm.sessions.put(toSessionRecord('dgb-m-arendonk', { ...doc, _rev: '3-newer', durationMinutes: 60 })!)
    const { entry } = await outbox.intend(doc._id, 'dgb-m-arendonk')

    const shown = await projector.projectWritten('dgb-m-arendonk', { ...doc, _rev: '2-older' }, [rm.outbox], () => outbox.written(doc._id, '2-older', entry))

    expect(shown).toBe(false)
    expect(await rm.sessions.get(doc._id)).toMatchObject({ rev: '3-newer', durationMinutes: 60 })
    expect(await rm.outbox.get(doc._id)).toMatchObject({ rev: '2-older' })
  })

  it('puts the row of a first revision with the outbox entry, without reading the table first', async () => {
    const { rm, projector, outbox } = await setup()
    const doc = makeHelpSession({ staff: 'vera' })
    const get = vi.spyOn(rm.sessions, 'get')

    const shown = await projector.projectWritten('dgb-m-arendonk', { ...doc, _rev: '1-first' }, [rm.outbox], () => outbox.record(doc._id, 'dgb-m-arendonk', '1-first'), true)

    expect(shown).toBe(true)
    expect(get).not.toHaveBeenCalled()
    expect(await rm.sessions.get(doc._id)).toMatchObject({ rev: '1-first', conflicted: false })
    expect(await rm.outbox.get(doc._id)).toMatchObject({ rev: '1-first', db: 'dgb-m-arendonk' })
  })

  it('leaves a document no projection knows to the feed', async () => {
    const { rm, projector } = await setup()
    const done: string[] = []

    const shown = await projector.projectWritten('dgb-m-arendonk', { _id: 'other:1', _rev: '1-a' }, [rm.outbox], async () => done.push('alongside'))

    expect(shown).toBe(false)
    expect(done).toEqual(['alongside'])
    expect(await rm.sessions.count()).toBe(0)
  })
})

describe('Outbox.written with the entry of its intent (the lending and classes writers)', () => {
  it('puts the entry back when a push of the previous revision settled it in between', async () => {
    const prefix = devicePrefix()
    const outbox = new Outbox(readModel(prefix))
    const { entry } = await outbox.intend('session:A', 'dgb-m-arendonk')
    await outbox.pushed([{ _id: 'session:A', _rev: '1-previous' }])

    await outbox.written('session:A', '2-mine', entry)

    expect(await outbox.all()).toEqual([{ ...entry, rev: '2-mine' }])
  })
})
