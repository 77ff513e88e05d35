import type { Outbox } from '../outbox'
import { isNotFound, type PouchStore } from '../pouch'
import type { Projector } from '../projector'
import type { ReadModel } from '../read-model'

export interface ClassesDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  outbox: Outbox
  /** Resolves when start-up recovery is done; writes wait for it. */
  ready: Promise<void>
}

/**
 * Writes validated documents the way every repository does: intent in the outbox first (so a tab
 * that dies after the put still knows the record is unsynced), the PouchDB put, then the
 * projection, so the screen shows the write at once. Docs carrying `_rev` replace that revision.
 * `owed: false` stores without an outbox entry: a conflict resolution that another account's
 * tablet sends (see `ConflictResolver`).
 */
export async function writeDocs(deps: ClassesDeps, dbName: string, docs: ReadonlyArray<{ _id: string }>, opts: { owed?: boolean } = {}): Promise<string[]> {
  const owed = opts.owed ?? true
  await deps.ready
  const db = deps.pouch.local(dbName)
  for (const doc of docs.filter(() => owed))
    await deps.outbox.intend(doc._id, dbName)
  const results = await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[])
  const revs: string[] = []
  for (const [i, res] of results.entries()) {
    const id = docs[i]!._id
    if ('error' in res && res.error) {
      if (owed)
        await deps.outbox.abandon(id)
      throw new Error(`could not store ${id}: ${res.name ?? 'error'}`)
    }
    revs.push((res as PouchDB.Core.Response).rev)
    if (owed)
      await deps.outbox.written(id, (res as PouchDB.Core.Response).rev)
  }
  await deps.projector.catchUp(dbName)
  return revs
}

/** The current revision of a document on this device, or null when it has none. */
export async function current<T>(deps: ClassesDeps, dbName: string, id: string): Promise<(T & { _id: string, _rev: string }) | null> {
  try {
    return await deps.pouch.local(dbName).get(id) as T & { _id: string, _rev: string }
  }
  catch (err) {
    if (isNotFound(err))
      return null
    throw err
  }
}
