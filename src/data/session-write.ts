import type { Outbox } from './outbox'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
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
 * document the domain has already validated, in three transactions: outbox intent → PouchDB put →
 * outbox revision with the record's row, put straight from the written document so the caller's
 * list shows it at once. The changes feed reads the same revision later, off the caller's path,
 * and moves the checkpoint. Replication picks it up by itself. A put that loses to a newer
 * revision (409) throws: the caller reloads, never overwrites blindly.
 */
export async function writeRecord(deps: WriteDeps, dbName: string, doc: { _id: string, _rev?: string }): Promise<string> {
  const { pouch, outbox, projector } = deps
  await deps.ready
  // Intent first: if the tab dies after the put, the outbox still knows the record is unsynced.
  // An edit of a record that is still waiting keeps that entry if its own put fails.
  const { entry, replaced } = await outbox.intend(doc._id, dbName)
  let rev: string
  try {
    rev = (await pouch.local(dbName).put(doc)).rev
  }
  catch (err) {
    await (replaced ? deps.rm.outbox.put(replaced) : outbox.abandon(doc._id))
    throw err
  }
  const shown = await projector.projectWritten(dbName, { ...doc, _rev: rev }, [deps.rm.outbox], () => outbox.written(doc._id, rev, entry))
  // A row this write cannot settle alone (in conflict, or already newer): wait for the feed.
  if (!shown)
    await projector.catchUp(dbName)
  return rev
}
