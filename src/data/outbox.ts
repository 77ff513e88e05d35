import { isNotFound, type Db, type PouchStore } from './pouch'
import type { OutboxEntry, ReadModel } from './read-model'

/** A document as push replication reports it written. */
export interface PushedDoc {
  _id: string
  _rev: string
}

/**
 * The writes this device still owes the server. PouchDB knows what it has pushed only as a
 * checkpoint sequence, which the UI cannot turn into "this record is not on the server yet"; the
 * outbox keeps that per record. An entry is written before the PouchDB put, cleared when push
 * replication reports the revision written (or the server says it has it), and marked, never
 * dropped, when the server refuses it.
 */
export class Outbox {
  constructor(private readonly rm: ReadModel) {}

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
    })
  }

  /**
   * The put gave `rev`. With the entry `intend` made, it is written whole in one request (and put
   * back if a push of the previous revision settled it meanwhile: this revision is still owed).
   */
  async written(id: string, rev: string, entry?: OutboxEntry): Promise<void> {
    await (entry ? this.rm.outbox.put({ ...entry, rev }) : this.rm.outbox.update(id, { rev }))
  }

  /** The put failed: nothing was written, so nothing is owed. */
  async abandon(id: string): Promise<void> {
    await this.rm.outbox.delete(id)
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
  }

  /**
   * On start: drops entries whose document does not exist (the tab died between intent and put)
   * and fills in the revision of puts that happened but were not recorded.
   */
  async recover(pouch: PouchStore): Promise<void> {
    const byDb = new Map<string, OutboxEntry[]>()
    for (const entry of await this.rm.outbox.toArray())
      byDb.set(entry.db, [...(byDb.get(entry.db) ?? []), entry])
    for (const [dbName, entries] of byDb) {
      const res = await pouch.local(dbName).allDocs({ keys: entries.map(e => e.id) })
      for (const [i, row] of res.rows.entries()) {
        const entry = entries[i]!
        if ('error' in row)
          await this.rm.outbox.delete(entry.id)
        else if (entry.rev === null)
          await this.rm.outbox.update(entry.id, { rev: row.value.rev })
      }
    }
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
