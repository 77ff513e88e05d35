import type { Table } from 'dexie'
import type { Db, PouchStore } from './pouch'
import { PROJECTIONS } from './projections'
import { sessionProjection } from './projections/sessions'
import { writeBatch, type ChangeRow } from './projection-batch'
import type { ReadModel, SessionRecord } from './read-model'

/** Changes read per Dexie transaction: big enough to keep a 1,000-document pull quick. */
const BATCH = 250

/**
 * How long a live change waits before it wakes a read: writes of this device already put their
 * own rows, so the feed's read can wait for a quiet moment instead of competing with the next save.
 */
const LIVE_WAKE_MS = 30

interface Followed {
  feed: PouchDB.Core.Changes<object>
  /** The last queued read of this database; every read and reset runs after the one before. */
  tail: Promise<void>
  /** A read that has been queued but not started: later wake-ups join it instead of queueing more. */
  queued: Promise<void> | null
  /** A read the live feed asked for, waiting for its moment. */
  wake?: ReturnType<typeof setTimeout> | undefined
  /** The last read stopped before a document this device is still recording: read on once it is. */
  held?: boolean
}

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
  /** Documents this device has put (or is putting) whose outbox entry is not written yet, by `db id`. */
  private readonly recording = new Map<string, number>()
  /** Databases known to have a checkpoint row, so a save's recovery point exists (see `beginWrite`). */
  private readonly checkpointed = new Set<string>()
  /**
   * Rows this device's saves put themselves (`projectWritten`), by `db id`: the revision and the
   * rebuild they were put in. The feed skips re-putting a row still at that revision.
   */
  private readonly putByWrite = new Map<string, { rev: string, resets: number }>()
  /** Counts rebuilds and forgotten databases: a row put before one may have been wiped by it. */
  private resets = 0
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
    // A burst of changes (a pull, a save that already put its own row) wakes one read a moment later.
    feed.on('change', () => {
      state.wake ??= setTimeout(() => {
        state.wake = undefined
        void this.schedule(dbName, state, db)
      }, LIVE_WAKE_MS)
    })
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
   * Puts the row of a document this device has just written (`_rev` set), without waiting for the
   * changes feed, and runs `alongside` (the outbox's revision, on `alongsideTables`) in the same
   * transaction. The checkpoint is left to the feed, which projects this revision again later
   * and gets the same row, so a crash at any point loses nothing. Returns false, with only
   * `alongside` done, when the document alone cannot settle the row: a kind without a row, a row
   * already at this or a later revision (pulled meanwhile), or a row in conflict (the losing
   * revisions are not in the document). The caller then waits for the feed (`catchUp`).
   *
   * `created`: the put made the document's first revision (no `_rev` given, generation 1). No row
   * can exist then (rows come from PouchDB, where the id was free, and the feed holds off this id
   * until the write ends, see `beginWrite`), so the row goes in with the outbox entry without
   * reading first: one round trip to IndexedDB fewer on every new record.
   */
  async projectWritten(dbName: string, doc: { _id: string, _rev: string }, alongsideTables: Table[], alongside: () => Promise<unknown>, created = false): Promise<boolean> {
    this.follow(dbName)
    const owned = ownerRow(dbName, doc)
    if (!owned)
      return this.rm.transaction('rw', alongsideTables, alongside).then(() => false)
    const { table, row } = { table: this.rm.table(owned.table), row: owned.row }
    const put = { rev: doc._rev, resets: this.resets }
    const remember = (shown: boolean) => {
      if (shown)
        this.putByWrite.set(`${dbName} ${doc._id}`, put)
      return shown
    }
    if (created)
      return this.rm.transaction('rw', [table, ...alongsideTables], () => Promise.all([table.put(row), alongside()])).then(() => remember(true))
    return this.rm.transaction('rw', [table, ...alongsideTables], async () => {
      const [existing] = await Promise.all([table.get(row.id) as Promise<{ rev?: unknown, conflicted?: unknown } | undefined>, alongside()])
      if (existing && (existing.conflicted === true || !(generation(existing.rev) < generation(doc._rev))))
        return false
      await table.put(row)
      return true
    }).then(remember)
  }

  /**
   * Call before putting `id` into `dbName`, and `endWrite` once its outbox entry is written. Until
   * then the feed's checkpoint stays before that document, so a tab that dies between the put and
   * the outbox entry leaves the document after the checkpoint, where start-up recovery
   * (`Outbox.recover`) finds it. The database gets a checkpoint row first (seq 0 if the feed never
   * read it), so recovery knows to look there.
   */
  async beginWrite(dbName: string, id: string): Promise<void> {
    this.follow(dbName)
    if (!this.checkpointed.has(dbName)) {
      await this.rm.transaction('rw', this.rm.checkpoints, async () => {
        if (!await this.rm.checkpoints.get(dbName))
          await this.rm.checkpoints.add({ db: dbName, seq: 0 })
      })
      this.checkpointed.add(dbName)
    }
    const key = `${dbName} ${id}`
    this.recording.set(key, (this.recording.get(key) ?? 0) + 1)
  }

  /** The outbox entry of `id` is written (or its put failed): the feed may read past it again. */
  endWrite(dbName: string, id: string): void {
    const key = `${dbName} ${id}`
    const left = (this.recording.get(key) ?? 1) - 1
    if (left > 0)
      this.recording.set(key, left)
    else
      this.recording.delete(key)
    const state = this.followed.get(dbName)
    if (state?.held) {
      state.held = false
      void this.schedule(dbName, state, this.pouch.local(dbName))
    }
  }

  /**
   * Stops following `dbName` and removes its rows and checkpoint: the tablet no longer holds that
   * database (its account's scope changed). Queued after any read of it in progress.
   */
  async forget(dbName: string): Promise<void> {
    this.resets += 1
    const state = this.followed.get(dbName)
    this.followed.delete(dbName)
    state?.feed.cancel()
    // A read the feed asked for must not run against the copy about to be destroyed.
    clearTimeout(state?.wake)
    await state?.tail
    await this.rm.transaction('rw', [...this.tables(), this.rm.checkpoints], async () => {
      for (const table of this.tables())
        await table.where('db').equals(dbName).delete()
      await this.rm.checkpoints.delete(dbName)
    })
    this.checkpointed.delete(dbName)
  }

  /** Drops every derived row and checkpoint and re-projects each known database from seq 0. */
  async rebuild(): Promise<void> {
    this.resets += 1
    this.putByWrite.clear()
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
      // The checkpoint goes back to 0 rather than away: recovery still knows to look at this database.
      const reset = state.tail.then(() => this.rm.transaction('rw', [...this.tables(), this.rm.checkpoints], async () => {
        for (const table of this.tables())
          await table.where('db').equals(name).delete()
        await this.rm.checkpoints.put({ db: name, seq: 0 })
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
    for (const s of states) {
      clearTimeout(s.wake)
      s.feed.cancel()
    }
    await Promise.all(states.map(s => s.tail))
  }

  private schedule(dbName: string, state: Followed, db: Db): Promise<void> {
    if (!state.queued) {
      const run = state.tail.then(() => {
        state.queued = null
        return this.closed ? undefined : this.project(dbName, db, state)
      })
      state.queued = run
      state.tail = run.catch(err => console.error(`read model: projecting ${dbName} failed`, err))
    }
    return state.queued
  }

  private async project(dbName: string, db: Db, state: Followed): Promise<void> {
    const checkpoint = await this.rm.checkpoints.get(dbName)
    if (checkpoint)
      this.checkpointed.add(dbName)
    let since = checkpoint?.seq ?? 0
    for (;;) {
      const res = await db.changes({ since, limit: BATCH, include_docs: true, conflicts: true, return_docs: true })
      if (res.results.length === 0 || this.closed)
        return
      // Stop before a document whose outbox entry is still being written (see `beginWrite`).
      const stop = res.results.findIndex(c => this.recording.has(`${dbName} ${c.id}`))
      const results = stop < 0 ? res.results : res.results.slice(0, stop)
      const last = stop < 0 ? res.last_seq : results.at(-1)?.seq
      if (last !== undefined)
        await writeBatch(this.rm, dbName, results, last, change => this.wasPut(dbName, change))
      this.checkpointed.add(dbName)
      if (stop >= 0) {
        state.held = true
        return
      }
      since = res.last_seq
      if (res.results.length < BATCH)
        return
    }
  }

  /**
   * The feed reads `change`: true when a save of this device put its row at this very revision
   * (no conflict since, no rebuild or forget in between), so the row needs no second put. Forgotten either way.
   */
  private wasPut(dbName: string, change: ChangeRow): boolean {
    const key = `${dbName} ${change.id}`
    const put = this.putByWrite.get(key)
    this.putByWrite.delete(key)
    const doc = change.doc as { _rev?: unknown, _conflicts?: unknown } | undefined
    return put !== undefined && put.resets === this.resets && doc?._rev === put.rev && doc._conflicts === undefined
  }

  private tables() {
    return PROJECTIONS.map(p => this.rm.table(p.table))
  }
}

/** The row of the one projection that owns the document's kind, as the feed would write it. */
function ownerRow(dbName: string, doc: object): { table: string, row: { id: string } } | null {
  for (const projection of PROJECTIONS) {
    const row = projection.alongside ? null : projection.toRow(dbName, doc as Record<string, unknown>)
    if (row)
      return { table: projection.table, row }
  }
  return null
}

/** A revision's generation (`3-abc` → 3); NaN when there is none, which never counts as older. */
export function generation(rev: unknown): number {
  return typeof rev === 'string' ? Number.parseInt(rev, 10) : Number.NaN
}
