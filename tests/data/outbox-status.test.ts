import { afterEach, describe, expect, it, vi } from 'vitest'
import { PouchStore, type Db } from '../../src/data/pouch'
import { ReadModel } from '../../src/data/read-model'
import { makeSessionInput } from '../factories/session-input'
import { closeDevices, device, volunteer } from './helpers/device'

/*
 * The sync status follows the outbox entry by entry: after a save it reads the entry that save
 * wrote, not every entry (which cost each save more the longer a tablet was offline), and still
 * sees what another tab of the tablet writes.
 */

const vera = volunteer('vera', 'arendonk')
const open: ReadModel[] = []

afterEach(async () => {
  vi.restoreAllMocks()
  for (const rm of open.splice(0))
    rm.close()
  await closeDevices()
})

function readModel(prefix: string): ReadModel {
  const rm = new ReadModel(`${prefix}digibalie`)
  open.push(rm)
  return rm
}

describe('the sync status after saves', () => {
  it('counts each new record without reading the whole outbox again', async () => {
    const { data, prefix } = device()
    expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(1))
    const rm = readModel(prefix)
    // Every Dexie table of every database shares the prototype that holds `toArray`: count the
    // whole-table reads of an outbox, whichever instance (the data layer's) makes them.
    let tableProto = rm.outbox as object
    while (!Object.prototype.hasOwnProperty.call(tableProto, 'toArray'))
      tableProto = Object.getPrototypeOf(tableProto) as object
    const proto = tableProto as { toArray: (...args: unknown[]) => unknown }
    const wholeReads: string[] = []
    const toArray = proto.toArray
    vi.spyOn(proto, 'toArray').mockImplementation(function (this: { name: string }, ...args: unknown[]) {
      wholeReads.push(this.name)
      return toArray.apply(this, args)
    })

    for (let i = 0; i < 3; i++)
      expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)

    await vi.waitFor(() => expect(data.sync.status().pending).toBe(4))
    expect(wholeReads.filter(name => name === 'outbox')).toEqual([])
  })

  it('knows who wrote a new record from the save itself, without reading the document back', async () => {
    const { data } = device()
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(0))
    const reads: string[] = []
    const local = PouchStore.prototype.local
    vi.spyOn(PouchStore.prototype, 'local').mockImplementation(function (this: PouchStore, name: string) {
      const db = local.call(this, name)
      return new Proxy(db, {
        get: (target, key) => {
          const value = Reflect.get(target, key) as unknown
          if (key === 'allDocs')
            reads.push(name)
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
        },
      }) as Db
    })
    // Someone else's record on this tablet waits for its author: the status names them.
    const wim = volunteer('wim', 'arendonk')

    expect((await data.sessions.create(makeSessionInput(), wim)).ok).toBe(true)

    await vi.waitFor(() => expect(data.sync.status()).toMatchObject({ pending: 1, waiting: [{ name: 'wim', count: 1 }] }))
    expect(reads).toEqual([])
  })

  it('sees an entry another tab of the tablet writes, and one it removes', async () => {
    const { data, prefix } = device()
    expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(1))
    const otherTab = readModel(prefix)

    await otherTab.outbox.put({ id: 'session:01JOTHERTAB000000000000000', db: 'dgb-m-arendonk', rev: '1-a', queuedAt: new Date().toISOString() })
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(2))
    await otherTab.outbox.delete('session:01JOTHERTAB000000000000000')

    await vi.waitFor(() => expect(data.sync.status().pending).toBe(1))
  })
})
