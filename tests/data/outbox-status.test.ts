import { afterEach, describe, expect, it, vi } from 'vitest'
import { ReadModel } from '../../src/data/read-model'
import { makeSessionInput } from '../factories/session-input'
import { closeDevices, device, volunteer } from './helpers/device'
import { interceptLocalDbs, watchTableCalls } from './helpers/intercept'

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
    // Whole-table reads of an outbox, whichever instance (the data layer's own) makes them.
    const wholeReads = watchTableCalls(rm.outbox, 'toArray')

    for (let i = 0; i < 3; i++)
      expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)

    await vi.waitFor(() => expect(data.sync.status().pending).toBe(4))
    expect(wholeReads.filter(name => name === 'outbox')).toEqual([])
  })

  it('counts the outbox after a burst of saves, not after each of them', async () => {
    const { data, prefix } = device()
    expect((await data.sessions.create(makeSessionInput(), vera)).ok).toBe(true)
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(1))
    const counts = watchTableCalls(readModel(prefix).outbox, 'count')

    const saved = await Promise.all(Array.from({ length: 12 }, () => data.sessions.create(makeSessionInput(), vera)))

    expect(saved.every(result => result.ok)).toBe(true)
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(13))
    // Counting is how another tab's entries are noticed: it happens once the saves are read back.
    const outboxCounts = counts.filter(name => name === 'outbox').length
    expect(outboxCounts).toBeGreaterThan(0)
    // One per read of the follower (a read gathers 50 ms of changes), not one per save as a live
    // query on the count made: far fewer than the saves even when a slow machine spreads them out.
    expect(outboxCounts).toBeLessThan(saved.length / 2)
  })

  it('knows who wrote a new record from the save itself, without reading the document back', async () => {
    const { data } = device()
    await vi.waitFor(() => expect(data.sync.status().pending).toBe(0))
    const reads: string[] = []
    interceptLocalDbs(['allDocs'], (real, name) => (...args) => {
      reads.push(name)
      return real(...args)
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
