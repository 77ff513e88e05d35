import { afterEach, describe, expect, it } from 'vitest'
import PouchDB from 'pouchdb-core'
import { openLocalDb, type Db } from '../../src/data/pouch'
import { makeHelpSession } from '../factories/help-session'
import './helpers/node-env'

/*
 * A replicated removal must take the old text off the tablet too: the server erases a resident or
 * drops a note by writing a new revision, and without compaction the tablet would keep the body of
 * the revision it replaces. The "server" here is a second local database replicating to the tablet.
 */
const NOTE = 'Belde over het pensioen van haar man'
const open: Db[] = []
type Noted = { note?: string }

afterEach(async () => {
  await Promise.all(open.splice(0).map(db => db.destroy()))
})

/** Every value the adapter keeps for the PouchDB database `name` in IndexedDB, as one string. */
async function rawStore(name: string): Promise<string> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    // PouchDB names its IndexedDB database with its own prefix.
    const req = indexedDB.open(`_pouch_${name}`)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const stores = [...idb.objectStoreNames]
  // An empty list would mean the wrong database was opened, and the checks below would pass for nothing.
  expect(stores.length).toBeGreaterThan(0)
  const values = await Promise.all(stores.map(store => new Promise<unknown[]>((resolve, reject) => {
    const req = idb.transaction(store, 'readonly').objectStore(store).getAll()
    req.onsuccess = () => resolve(req.result as unknown[])
    req.onerror = () => reject(req.error)
  })))
  idb.close()
  return JSON.stringify(values)
}

/** A session with a note reaches the tablet, then the server removes it and the tablet pulls. */
async function removeOnServer(tablet: Db, removal: 'delete' | 'drop-note'): Promise<{ id: string, oldRev: string }> {
  const prefix = `srv-${Math.random().toString(36).slice(2, 8)}-`
  const server = openLocalDb(prefix, 'dgb-m-arendonk')
  open.push(server)
  const session = makeHelpSession({ note: NOTE })
  const { rev } = await server.put(session)
  await tablet.replicate.from(server)
  expect((await tablet.get<Noted>(session._id)).note).toBe(NOTE)
  if (removal === 'delete') {
    await server.remove(session._id, rev)
  }
  else {
    const { note: _dropped, ...rest } = await server.get<Noted>(session._id)
    await server.put(rest)
  }
  await tablet.replicate.from(server)
  return { id: session._id, oldRev: rev }
}

describe('local compaction', () => {
  it('a replicated deletion leaves no old body on the tablet', async () => {
    const prefix = `tab-${Math.random().toString(36).slice(2, 8)}-`
    const tablet = openLocalDb(prefix, 'dgb-m-arendonk')
    open.push(tablet)
    const { id, oldRev } = await removeOnServer(tablet, 'delete')
    await expect(tablet.get(id)).rejects.toMatchObject({ status: 404 })
    await expect(tablet.get(id, { rev: oldRev })).rejects.toMatchObject({ status: 404 })
    expect(await rawStore(`${prefix}dgb-m-arendonk`)).not.toContain(NOTE)
  })

  it('a replicated revision without the note leaves no note behind', async () => {
    const prefix = `tab-${Math.random().toString(36).slice(2, 8)}-`
    const tablet = openLocalDb(prefix, 'dgb-m-arendonk')
    open.push(tablet)
    const { id, oldRev } = await removeOnServer(tablet, 'drop-note')
    expect((await tablet.get<Noted>(id)).note).toBeUndefined()
    await expect(tablet.get(id, { rev: oldRev })).rejects.toMatchObject({ status: 404 })
    expect(await rawStore(`${prefix}dgb-m-arendonk`)).not.toContain(NOTE)
  })

  it('without automatic compaction the old text would stay (why the option is set)', async () => {
    const name = `plain-${Math.random().toString(36).slice(2, 8)}-dgb-m-arendonk`
    // The app's pouch module has already added the IndexedDB adapter and replication to PouchDB.
    const tablet = new PouchDB(name, { adapter: 'indexeddb' })
    open.push(tablet)
    const { id, oldRev } = await removeOnServer(tablet, 'delete')
    expect((await tablet.get<Noted>(id, { rev: oldRev })).note).toBe(NOTE)
    expect(await rawStore(name)).toContain(NOTE)
  })
})
