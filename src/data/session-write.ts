import type { Outbox } from './outbox'
import type { Validated } from '../domain'
import { isConflict, isNotFound, type PouchStore } from './pouch'
import { generation, type Projector } from './projector'
import { randomHex } from './random'
import type { ReadModel } from './read-model'

export interface WriteDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  outbox: Outbox
  /** Resolves when start-up recovery is done; writes wait for it so recovery never sees a half-made write. */
  ready: Promise<void>
}

/**
 * The one write path of the desk's records (help sessions, residents, desk configuration), for a
 * document the domain has already validated, in two transactions: the PouchDB put, then the outbox
 * entry with the record's row, put straight from the written document so the caller's list shows
 * it at once. The changes feed reads the same revision later, off the caller's path, and moves the
 * checkpoint. Replication picks it up by itself. A put that loses to a newer revision (409) throws:
 * the caller reloads, never overwrites blindly.
 *
 * Why nothing is lost without an outbox entry before the put: PouchDB's put is one IndexedDB
 * transaction, so a tab that dies before it commits leaves no record, no entry and no row (the
 * whole record or none). Once it has committed, the record is in PouchDB and push replication sends
 * it whatever the outbox says; the outbox only has to know it is owed. The projector keeps its
 * checkpoint before the document until the entry is written (`beginWrite` … `endWrite`), so if the
 * tab dies in between, the next start finds the document after the checkpoint with neither entry
 * nor row and notes it as owed (`Outbox.recover`, which runs before any write or sync).
 */
export async function writeRecord(deps: WriteDeps, dbName: string, doc: { _id: string, _rev?: string }): Promise<string> {
  const { pouch, outbox, projector } = deps
  await deps.ready
  await projector.beginWrite(dbName, doc._id)
  let rev: string
  try {
    rev = (await pouch.local(dbName).put(doc)).rev
  }
  catch (err) {
    projector.endWrite(dbName, doc._id)
    throw err
  }
  const created = doc._rev === undefined && generation(rev) === 1
  let shown = false
  try {
    shown = await projector.projectWritten(dbName, { ...doc, _rev: rev }, [deps.rm.outbox], () => outbox.record(doc._id, dbName, rev, authorOf(doc)), created)
  }
  catch {
    // The record is saved; its entry must still be written before the feed may read past it, so
    // once more alone (the feed brings the row). If that fails too, the error goes to the caller
    // and the hold stays for this page's life: the next start's recovery finds the document.
    await outbox.record(doc._id, dbName, rev, authorOf(doc))
  }
  projector.endWrite(dbName, doc._id)
  // A row this write cannot settle alone (in conflict, or already newer): wait for the feed.
  if (!shown)
    await projector.catchUp(dbName)
  return rev
}

/**
 * A new document under a fresh random id (a help session at the desk, by far the most common
 * write): the same two transactions as `writeRecord`, but at the same time instead of one after
 * the other, on their two IndexedDB databases. That is possible because nothing has to be read
 * first: the id is new, so the first revision is made here (random, like PouchDB's own
 * `1-<32 hex>`) and written with `new_edits: false`, and the row and outbox entry need no answer
 * from the put. Resolves once both have committed; only then is the volunteer told "saved" and the
 * draft dropped. Never for an id that may exist already: with `new_edits: false` a second first
 * revision would fork the document instead of failing with a 409.
 *
 * Either transaction can commit without the other when the tab dies:
 * - the put alone: as in `writeRecord`, the feed holds its checkpoint before the document, and
 *   start-up recovery notes it as owed;
 * - the row and entry alone: the record was never stored (nor shown as saved); the entry would
 *   wait for ever for a document that is not there. Start-up recovery drops such an entry and its
 *   row (`Outbox.recover`), and a put that fails while this page lives drops them at once.
 */
export async function createRecord(deps: WriteDeps, dbName: string, doc: { _id: string }): Promise<string> {
  const { pouch, outbox, projector } = deps
  await deps.ready
  await projector.beginWrite(dbName, doc._id)
  // 32 hex digits, the shape of PouchDB's own revision ids.
  const hash = randomHex(16)
  const written = { ...doc, _rev: `1-${hash}` }
  const put = pouch.local(dbName).bulkDocs([{ ...written, _revisions: { start: 1, ids: [hash] } }], { new_edits: false })
    .then((res) => {
      // With `new_edits: false` PouchDB answers only the documents that failed.
      const failed = res.find(r => 'error' in r && r.error)
      if (failed)
        throw failed
    })
  const shown = projector.projectWritten(dbName, written, [deps.rm.outbox], () => outbox.record(doc._id, dbName, written._rev, authorOf(doc)), true)
  const [stored, projected] = await Promise.allSettled([put, shown])
  if (stored.status === 'rejected') {
    try {
      if (projected.status === 'fulfilled')
        await outbox.withdraw(dbName, doc._id, written._rev)
    }
    finally {
      projector.endWrite(dbName, doc._id)
    }
    throw stored.reason
  }
  // Stored, but no entry: written alone, as in `writeRecord` (the hold stays if that fails too).
  if (projected.status === 'rejected')
    await outbox.record(doc._id, dbName, written._rev, authorOf(doc))
  projector.endWrite(dbName, doc._id)
  if (projected.status === 'rejected' || !projected.value)
    await projector.catchUp(dbName)
  return written._rev
}

/** The revision's writer as the sync status names it (`createdBy`; see `UnsyncedRecords`). */
function authorOf(doc: object): string | null {
  const author = (doc as { createdBy?: unknown }).createdBy
  return typeof author === 'string' ? author : null
}

/**
 * A new revision of a document that may also change elsewhere (configuration a coordinator edits):
 * `build` gets the stored document from PouchDB, the source of truth (the read model may not have
 * projected a revision that was just pulled), and when a pulled revision lands between that read
 * and the put (409), it is built again over the newer one instead of failing the save.
 */
export async function writeRevision<T extends { _id: string }>(
  deps: WriteDeps, dbName: string, id: string, build: (stored: Record<string, unknown> | null) => Validated<T>,
): Promise<Validated<T>> {
  const db = deps.pouch.local(dbName)
  for (let attempt = 1; ; attempt++) {
    let stored: Record<string, unknown> | null = null
    try {
      stored = await db.get(id) as Record<string, unknown>
    }
    catch (err) {
      if (!isNotFound(err))
        throw err
    }
    const result = build(stored)
    if (!result.ok)
      return result
    try {
      const rev = await writeRecord(deps, dbName, result.value)
      return { ok: true, value: { ...result.value, _rev: rev } }
    }
    catch (err) {
      if (!isConflict(err) || attempt >= 3)
        throw err
    }
  }
}
