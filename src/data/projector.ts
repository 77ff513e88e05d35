import type { Db, PouchStore } from './pouch'
import { PROJECTIONS } from './projections'
import { sessionProjection } from './projections/sessions'
import type { ReadModel, SessionRecord } from './read-model'

/** Changes read per Dexie transaction: big enough to keep a 1,000-document pull quick. */
const BATCH = 250

interface Followed {
  feed: PouchDB.Core.Changes<object>
  /** The last queued read of this database; every read and reset runs after the one before. */
  tail: Promise<void>
  /** A read that has been queued but not started: later wake-ups join it instead of queueing more. */
  queued: Promise<void> | null
}

type ChangeRow = PouchDB.Core.ChangesResponseChange<object>

/** The row of a help-session document, or null when the document is not one (or no longer valid). */
export function toSessionRecord(db: string, doc: Record<string, unknown>): SessionRecord | null {
  return sessionProjection.toRow(db, doc)
}

/**
 * Follows the changes feed of each local PouchDB database into the Dexie read model. A live feed
 * only wakes the projector; the projector then reads the feed from its own checkpoint in batches and
 * writes each batch's rows and the new checkpoint in one Dexie transaction, so after a crash it
 * resumes exactly where the rows end. Reads of one database never overlap.
 */
export class Projector {
  private readonly followed = new Map<string, Followed>()
  private closed = false

  constructor(private readonly rm: ReadModel, private readonly pouch: PouchStore) {}

  /** Starts following `dbName` (idempotent) and projects what it holds already. */
  follow(dbName: string): void {
    if (this.closed || this.followed.has(dbName))
      return
    const db = this.pouch.local(dbName)
    // Listen before the first read, so no write can fall between the read and the listener.
    const feed = db.changes({ live: true, since: 'now', return_docs: false })
    const state: Followed = { feed, tail: Promise.resolve(), queued: null }
    feed.on('change', () => void this.schedule(dbName, state, db))
    feed.on('error', err => console.error(`read model: changes feed of ${dbName} failed`, err))
    this.followed.set(dbName, state)
    void this.schedule(dbName, state, db)
  }

  /** Resolves once everything `dbName` held when called is in the read model. */
  catchUp(dbName: string): Promise<void> {
    this.follow(dbName)
    const state = this.followed.get(dbName)
    return state ? this.schedule(dbName, state, this.pouch.local(dbName)) : Promise.resolve()
  }

  /**
   * Stops following `dbName` and removes its rows and checkpoint: the tablet no longer holds that
   * database (its account's scope changed). Queued after any read of it in progress.
   */
  async forget(dbName: string): Promise<void> {
    const state = this.followed.get(dbName)
    this.followed.delete(dbName)
    state?.feed.cancel()
    await state?.tail
    await this.rm.transaction('rw', [...this.tables(), this.rm.checkpoints], async () => {
      for (const table of this.tables())
        await table.where('db').equals(dbName).delete()
      await this.rm.checkpoints.delete(dbName)
    })
  }

  /** Drops every derived row and checkpoint and re-projects each known database from seq 0. */
  async rebuild(): Promise<void> {
    const names = new Set<string>([
      ...this.followed.keys(),
      ...(await this.rm.checkpoints.toCollection().primaryKeys()),
      ...(await Promise.all(this.tables().map(t => t.orderBy('db').uniqueKeys()))).flat().map(String),
    ])
    await Promise.all([...names].map(async (name) => {
      this.follow(name)
      const state = this.followed.get(name)
      if (!state)
        return
      // The reset is queued like a read, so no read of this database can straddle it.
      const reset = state.tail.then(() => this.rm.transaction('rw', [...this.tables(), this.rm.checkpoints], async () => {
        for (const table of this.tables())
          await table.where('db').equals(name).delete()
        await this.rm.checkpoints.delete(name)
      }))
      state.tail = reset.catch(() => undefined)
      await reset
      await this.catchUp(name)
    }))
  }

  async close(): Promise<void> {
    this.closed = true
    const states = [...this.followed.values()]
    this.followed.clear()
    for (const s of states)
      s.feed.cancel()
    await Promise.all(states.map(s => s.tail))
  }

  private schedule(dbName: string, state: Followed, db: Db): Promise<void> {
    if (!state.queued) {
      const run = state.tail.then(() => {
        state.queued = null
        return this.closed ? undefined : this.project(dbName, db)
      })
      state.queued = run
      state.tail = run.catch(err => console.error(`read model: projecting ${dbName} failed`, err))
    }
    return state.queued
  }

  private async project(dbName: string, db: Db): Promise<void> {
    let since = (await this.rm.checkpoints.get(dbName))?.seq ?? 0
    for (;;) {
      const res = await db.changes({ since, limit: BATCH, include_docs: true, conflicts: true, return_docs: true })
      if (res.results.length === 0 || this.closed)
        return
      await this.write(dbName, res.results, res.last_seq)
      since = res.last_seq
      if (res.results.length < BATCH)
        return
    }
  }

  private tables() {
    return PROJECTIONS.map(p => this.rm.table(p.table))
  }

  /**
   * One batch: each document becomes a row of the table of its kind; a deleted document, or one no
   * projection accepts, is removed from every table (ids carry their kind, so they never collide).
   */
  private write(dbName: string, results: ChangeRow[], lastSeq: number | string): Promise<void> {
    const puts = new Map<string, object[]>(PROJECTIONS.map(p => [p.table, []]))
    const deletes: string[] = []
    const alongside = PROJECTIONS.filter(p => p.alongside)
    const owners = PROJECTIONS.filter(p => !p.alongside)
    for (const change of results) {
      const doc = change.deleted || !change.doc ? null : change.doc as Record<string, unknown>
      for (const projection of doc ? alongside : []) {
        const row = projection.toRow(dbName, doc!)
        if (row)
          puts.get(projection.table)!.push(row)
      }
      let placed = false
      for (const projection of doc ? owners : []) {
        const row = projection.toRow(dbName, doc!)
        if (row) {
          puts.get(projection.table)!.push(row)
          placed = true
          break
        }
      }
      if (!placed)
        deletes.push(change.id)
    }
    return this.rm.transaction('rw', [...this.tables(), this.rm.checkpoints], async () => {
      const ids = results.map(c => c.id)
      const beside = new Set(alongside.map(p => p.table))
      for (const table of this.tables()) {
        // A row alongside is dropped on every change of its document and put back when it still applies.
        await table.bulkDelete(beside.has(table.name) ? ids : deletes)
        await table.bulkPut(puts.get(table.name) ?? [])
      }
      await this.rm.checkpoints.put({ db: dbName, seq: lastSeq })
    })
  }
}
