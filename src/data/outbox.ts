import { isNotFound, type Db, type PouchStore } from './pouch'
import { PROJECTIONS } from './projections'
import type { OutboxEntry, ReadModel } from './read-model'

/** A document as push replication reports it written. */
export interface PushedDoc {
  _id: string
  _rev: string
}

/** Who wrote a revision (`createdBy` of the document), as the writer knows it. */
export interface WrittenBy {
  id: string
  rev: string
  author: string | null
}

type OutboxListener = (ids: readonly string[] | null, written?: readonly WrittenBy[]) => void

/**
 * The writes this device still owes the server. PouchDB knows what it has pushed only as a
 * checkpoint sequence, which the UI cannot turn into "this record is not on the server yet"; the
 * outbox keeps that per record. An entry is written right after the PouchDB put (`record`, in the
 * transaction that also puts the record's row; older writers note an intent before the put), cleared
 * when push replication reports the revision written (or the server says it has it), and marked,
 * never dropped, when the server refuses it. A tab that dies between the put and the entry is
 * caught by `recover` on the next start.
 */
export class Outbox {
  private readonly listeners = new Set<OutboxListener>()

  constructor(private readonly rm: ReadModel) {}

  /**
   * Calls `cb` after each write of this outbox with the ids it touched (`null`: any may have
   * changed), so the sync status can read those entries instead of every entry after each save,
   * and with the author of a revision when the writer gave it (no need to look it up).
   * It may be called inside the write's transaction: `cb` must only note the ids, and read later.
   */
  onChange(cb: OutboxListener): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  private changed(ids: readonly string[] | null, written?: readonly WrittenBy[]): void {
    for (const cb of this.listeners)
      cb(ids, written)
  }

  /**
   * Records the intent to write `id` into `db`, before the put. Returns the new entry and the one
   * it replaces (an edit of a record still waiting), read in the same transaction so that a save
   * costs one round trip here.
   */
  intend(id: string, db: string): Promise<{ entry: OutboxEntry, replaced: OutboxEntry | undefined }> {
    const entry: OutboxEntry = { id, db, rev: null, queuedAt: new Date().toISOString() }
    // Both requests go out at once: a transaction runs them in order, so the read sees the old entry.
    return this.rm.transaction('rw', this.rm.outbox, async () => {
      const [replaced] = await Promise.all([this.rm.outbox.get(id), this.rm.outbox.put(entry)])
      return { entry, replaced }
    }).finally(() => this.changed([id]))
  }

  /**
   * The put gave `rev`. With the entry `intend` made, it is written whole in one request (and put
   * back if a push of the previous revision settled it meanwhile: this revision is still owed).
   */
  async written(id: string, rev: string, entry?: OutboxEntry): Promise<void> {
    await (entry ? this.rm.outbox.put({ ...entry, rev }) : this.rm.outbox.update(id, { rev }))
    this.changed([id])
  }

  /**
   * The put of `id` gave `rev`: this revision is owed. A fresh entry, so an edit of a record the
   * server refused is sent again; one blind put, no read. `author`: the revision's `createdBy`.
   */
  async record(id: string, db: string, rev: string, author?: string | null): Promise<void> {
    await this.rm.outbox.put({ id, db, rev, queuedAt: new Date().toISOString() })
    this.changed([id], author === undefined ? undefined : [{ id, rev, author }])
  }

  /** The put failed: nothing was written, so nothing is owed. */
  async abandon(id: string): Promise<void> {
    await this.rm.outbox.delete(id)
    this.changed([id])
  }

  /**
   * Revisions whose entry and row were written but whose put never was (`createRecord` writes
   * both at once): nothing is owed and nothing may be listed. Drops each entry and row still at
   * that revision, in one transaction; a later revision or a refusal stays.
   */
  async withdraw(dbName: string, id: string, rev: string): Promise<void> {
    await this.withdrawAll([{ id, db: dbName, rev }])
  }

  private async withdrawAll(gone: ReadonlyArray<{ id: string, db: string, rev: string }>): Promise<void> {
    if (gone.length === 0)
      return
    const ids = gone.map(g => g.id)
    const tables = PROJECTIONS.filter(p => !p.alongside).map(p => this.rm.table(p.table))
    await this.rm.transaction('rw', [this.rm.outbox, ...tables], async () => {
      const entries = await this.rm.outbox.bulkGet(ids)
      await this.rm.outbox.bulkDelete(gone.filter((g, i) => entries[i]?.rev === g.rev && entries[i]?.refusedReason === undefined).map(g => g.id))
      for (const table of tables) {
        const rows = await table.bulkGet(ids) as Array<{ db?: unknown, rev?: unknown } | undefined>
        await table.bulkDelete(gone.filter((g, i) => rows[i]?.rev === g.rev && rows[i]?.db === g.db).map(g => g.id))
      }
    })
    this.changed(ids)
  }

  /** Push replication wrote these revisions to the server; their entries are done. */
  async pushed(docs: readonly PushedDoc[]): Promise<void> {
    if (docs.length === 0)
      return
    await this.rm.transaction('rw', this.rm.outbox, async () => {
      const entries = await this.rm.outbox.bulkGet(docs.map(d => d._id))
      const done = docs.filter((d, i) => {
        const entry = entries[i]
        // An older revision going up does not settle a newer local edit.
        return entry && entry.refusedReason === undefined && (entry.rev === null || entry.rev === d._rev)
      })
      await this.rm.outbox.bulkDelete(done.map(d => d._id))
    })
    this.changed(docs.map(d => d._id))
  }

  /**
   * The server refused the document. Documents written into PouchDB without the repository (or by an
   * older app version) get an entry here too, so a refusal is always visible.
   */
  async refuse(id: string, db: string, rev: string | null, reason: string): Promise<void> {
    await this.rm.transaction('rw', this.rm.outbox, async () => {
      const entry = await this.rm.outbox.get(id)
      await this.rm.outbox.put({ id, db, rev: rev ?? entry?.rev ?? null, queuedAt: entry?.queuedAt ?? new Date().toISOString(), refusedReason: reason })
    })
    this.changed([id])
  }

  /**
   * On start, before any write: settles what a tab that died mid-save left behind.
   * - An intent whose put never happened is dropped; one whose put happened gets its revision.
   * - A document put but never recorded (the tab died between `writeRecord`'s put and its outbox
   *   entry) lies after the projector's checkpoint of its database: the projector never moves the
   *   checkpoint past a document still being recorded, and a database gets a checkpoint row before
   *   its first save (`Projector.beginWrite`). Every change after a checkpoint whose revision has
   *   neither an entry nor a row is therefore noted as owed. A pulled revision the projector had not
   *   read yet is noted too (nothing tells the two apart offline); `reconcile` clears it once the
   *   server says it has it. Owing too much for a while is safe, owing too little is not.
   */
  async recover(pouch: PouchStore): Promise<void> {
    const entries = await this.rm.outbox.toArray()
    const byDb = new Map<string, OutboxEntry[]>()
    for (const entry of entries)
      byDb.set(entry.db, [...(byDb.get(entry.db) ?? []), entry])
    for (const [dbName, waiting] of byDb) {
      const intents = waiting.filter(e => e.rev === null)
      if (intents.length === 0)
        continue
      const res = await pouch.local(dbName).allDocs({ keys: intents.map(e => e.id) })
      for (const [i, row] of res.rows.entries()) {
        const entry = intents[i]!
        if ('error' in row)
          await this.rm.outbox.delete(entry.id)
        else
          await this.rm.outbox.update(entry.id, { rev: row.value.rev })
      }
    }
    // One read of each feed from its checkpoint, all at once: usually empty, and start-up waits on it.
    await Promise.all([
      ...(await this.rm.checkpoints.toArray()).map(c => this.recoverUnrecorded(pouch, c.db, c.seq)),
      ...[...byDb].map(([dbName, waiting]) => this.recoverUnstored(pouch, dbName, waiting)),
    ])
    this.changed(null)
  }

  /**
   * A first revision whose entry (and row) committed while its put did not: `createRecord` writes
   * them at the same time, and the tab died in between. The user was never told it was saved and
   * the draft is still there; the entry would wait for ever. Only first revisions can be in this
   * state (every other write puts before its entry), so only they are checked, in one local
   * `allDocs` per database (`notStored`).
   */
  private async recoverUnstored(pouch: PouchStore, dbName: string, waiting: readonly OutboxEntry[]): Promise<void> {
    const created = waiting.filter(e => e.refusedReason === undefined && typeof e.rev === 'string' && e.rev.startsWith('1-'))
    let unstored = await notStored(pouch.local(dbName), created)
    // An entry written moments ago may be another tab's save whose put is still running: it gets
    // the time a put takes at most before it counts as a save cut short.
    const wait = Math.max(0, ...unstored.map(e => Date.parse(e.queuedAt))) + UNSTORED_GRACE_MS - Date.now()
    if (unstored.length > 0 && wait > 0) {
      await new Promise(resolve => setTimeout(resolve, wait))
      unstored = await notStored(pouch.local(dbName), unstored)
    }
    await this.withdrawAll(unstored.map(e => ({ id: e.id, db: dbName, rev: e.rev! })))
  }

  private async recoverUnrecorded(pouch: PouchStore, dbName: string, since: number | string): Promise<void> {
    const changes = (await pouch.local(dbName).changes({ since, return_docs: true })).results
      .filter(c => !c.id.startsWith('_design/'))
    if (changes.length === 0)
      return
    const ids = changes.map(c => c.id)
    const owed = await this.rm.outbox.bulkGet(ids)
    const rows = await Promise.all(PROJECTIONS.filter(p => !p.alongside).map(p => this.rm.table(p.table).bulkGet(ids) as Promise<Array<{ rev?: unknown } | undefined>>))
    const queuedAt = new Date().toISOString()
    const unrecorded = changes.flatMap((change, i) => {
      const rev = change.changes[0]!.rev
      const entry = owed[i]
      // A refused entry stays as it is: the refusal remains visible until someone acts on it.
      if (entry?.rev === rev || entry?.refusedReason !== undefined || rows.some(r => r[i]?.rev === rev))
        return []
      return [{ id: change.id, db: dbName, rev, queuedAt: entry?.queuedAt ?? queuedAt }]
    })
    await this.rm.outbox.bulkPut(unrecorded)
  }

  /**
   * Push went idle with entries left for `db`: ask the server which revisions it lacks
   * (`_revs_diff`). A revision it already has was synced (e.g. the push was interrupted after the
   * write but before its event), so its entry is done.
   */
  async reconcile(dbName: string, local: Db, remote: Db): Promise<void> {
    const entries = (await this.rm.outbox.where('db').equals(dbName).toArray()).filter(e => e.refusedReason === undefined)
    if (entries.length === 0)
      return
    const revs = new Map<string, string>()
    for (const entry of entries) {
      const rev = entry.rev ?? await currentRev(local, entry.id)
      if (rev)
        revs.set(entry.id, rev)
    }
    const missing = await remote.revsDiff(Object.fromEntries([...revs].map(([id, rev]) => [id, [rev]])))
    const synced = [...revs].filter(([id, rev]) => !(missing[id]?.missing?.includes(rev) ?? false))
    await this.pushed(synced.map(([id, rev]) => ({ _id: id, _rev: rev })))
  }

  all(): Promise<OutboxEntry[]> {
    return this.rm.outbox.toArray()
  }
}

async function currentRev(db: Db, id: string): Promise<string | null> {
  try {
    return (await db.get(id))._rev
  }
  catch (err) {
    if (isNotFound(err))
      return null
    throw err
  }
}

/**
 * How long after its entry a save's put may still be running in another tab of this tablet.
 * Start-up waits this long (once) only when it finds such a young entry without its put.
 */
export const UNSTORED_GRACE_MS = 2_000

/**
 * The entries among `entries` (first revisions, of ids made new by their save) whose document the
 * local database does not hold at all. Asked of the document, not of the revision: a revision
 * replaced since (an edit or a removal cut short before its entry) has its body compacted away,
 * and the indexeddb adapter's `revsDiff` then calls it missing.
 */
async function notStored(local: Db, entries: readonly OutboxEntry[]): Promise<OutboxEntry[]> {
  if (entries.length === 0)
    return []
  const { rows } = await local.allDocs({ keys: entries.map(e => e.id) })
  return entries.filter((_, i) => 'error' in rows[i]!)
}
