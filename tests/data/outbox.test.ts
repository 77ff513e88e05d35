import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { Outbox } from '../../src/data/outbox'
import type { Db } from '../../src/data/pouch'
import { ReadModel } from '../../src/data/read-model'
import { makeSessionInput } from '../factories/session-input'
import { makeHelpSession } from '../factories/help-session'
import { localDb, newDevice, volunteer } from './helpers/device'
import { interceptLocalDbs } from './helpers/intercept'

const vera = volunteer('vera', 'arendonk')
const open: Array<{ close(): unknown }> = []

afterEach(async () => {
  vi.restoreAllMocks()
  for (const o of open.splice(0).reverse())
    await o.close()
})

function readModel(prefix: string) {
  const rm = new ReadModel(`${prefix}digibalie`)
  open.push(rm)
  return rm
}

describe('outbox through the data layer', () => {
  it('writes no entry and no row when the PouchDB put fails, and lets the error through', async () => {
    const { data, prefix } = newDevice()
    open.push(data)
    // Only writes fail, as when the quota is full; everything else (the projector's changes feed,
    // the sync bookkeeping) keeps using the real database. A new session is written with
    // `bulkDocs` while its row and entry are written: those must be taken back.
    interceptLocalDbs(['put', 'bulkDocs'], () => () => Promise.reject(new Error('QuotaExceededError')))

    await expect(data.sessions.create(makeSessionInput(), vera)).rejects.toThrow('QuotaExceededError')

    expect(await readModel(prefix).outbox.count()).toBe(0)
    expect(await data.sessions.list({})).toEqual([])
  })

  it('on start, drops intents whose put never happened and completes those whose put did', async () => {
    const { prefix } = newDevice()
    const db = localDb(prefix, 'dgb-m-arendonk')
    open.push(db)
    const written = makeHelpSession({ staff: 'vera' })
    const { rev } = await db.put(written)
    // A tab that died between intent and put, and one that died between put and recording the rev.
    await readModel(prefix).outbox.bulkPut([
      { id: 'session:01JNEVERWRITTEN0000000000', db: 'dgb-m-arendonk', rev: null, queuedAt: '2025-03-10T08:00:00.000Z' },
      { id: written._id, db: 'dgb-m-arendonk', rev: null, queuedAt: '2025-03-10T08:00:00.000Z' },
    ])

    const data: DataLayer = newDevice({ localPrefix: prefix }).data
    open.push(data)

    await vi.waitFor(async () => expect(await readModel(prefix).outbox.toArray()).toEqual([
      { id: written._id, db: 'dgb-m-arendonk', rev, queuedAt: '2025-03-10T08:00:00.000Z' },
    ]))
    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ pending: 1, refused: [] }))
  })
})

describe('Outbox', () => {
  async function setup() {
    const { prefix } = newDevice()
    const rm = readModel(prefix)
    const outbox = new Outbox(rm)
    await outbox.intend('session:A', 'dgb-m-arendonk')
    await outbox.written('session:A', '1-a')
    await outbox.intend('session:B', 'dgb-m-arendonk')
    await outbox.written('session:B', '2-b')
    return { rm, outbox }
  }

  it('clears an entry only when the pushed revision is the one it waits for', async () => {
    const { outbox } = await setup()

    await outbox.pushed([{ _id: 'session:A', _rev: '1-a' }, { _id: 'session:B', _rev: '1-older' }, { _id: 'session:C', _rev: '1-c' }])

    expect((await outbox.all()).map(e => e.id)).toEqual(['session:B'])
  })

  it('keeps a refused entry with its reason, even when a later push reports it', async () => {
    const { outbox } = await setup()

    await outbox.refuse('session:A', 'dgb-m-arendonk', null, 'createdBy must be the signed-in account')
    await outbox.refuse('session:Z', 'dgb-m-arendonk', null, 'record belongs to another municipality')
    await outbox.pushed([{ _id: 'session:A', _rev: '1-a' }])

    expect(await outbox.all()).toMatchObject([
      { id: 'session:A', rev: '1-a', refusedReason: 'createdBy must be the signed-in account' },
      { id: 'session:B', rev: '2-b' },
      { id: 'session:Z', rev: null, refusedReason: 'record belongs to another municipality' },
    ])
  })

  it('reconciles with the server: a revision the server has is done, a missing one stays', async () => {
    const { outbox } = await setup()
    const asked: unknown[] = []
    const remote = { revsDiff: async (req: unknown) => {
      asked.push(req)
      return { 'session:B': { missing: ['2-b'] } }
    } } as unknown as Db

    await outbox.reconcile('dgb-m-arendonk', {} as Db, remote)

    expect(asked).toEqual([{ 'session:A': ['1-a'], 'session:B': ['2-b'] }])
    expect((await outbox.all()).map(e => e.id)).toEqual(['session:B'])
  })
})
