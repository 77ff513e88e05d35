import { DB } from '../../domain'
import type { Outbox } from '../outbox'
import type { PouchStore } from '../pouch'
import type { Projector } from '../projector'
import type { ReadModel } from '../read-model'

export interface LendingDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  outbox: Outbox
  /** Start-up recovery; writes wait for it so recovery never sees a half-made write. */
  ready: Promise<void>
}

/**
 * Writes validated lending documents: outbox intent → one PouchDB `bulkDocs` → projection. A
 * handover is two documents (the loan and its device event); `bulkDocs` stores them in one
 * IndexedDB transaction, so a crash cannot leave a loan without its handover or the reverse.
 */
export function writeLending(deps: LendingDeps, docs: ReadonlyArray<{ _id: string }>): Promise<Map<string, string>> {
  return writeTo(deps, DB.lending, docs)
}

/** The same write path into another database (a borrower registered from a handover). */
export async function writeTo(deps: LendingDeps, dbName: string, docs: ReadonlyArray<{ _id: string }>): Promise<Map<string, string>> {
  const { pouch, outbox, projector } = deps
  await deps.ready
  for (const doc of docs)
    await outbox.intend(doc._id, dbName)
  let results: Array<PouchDB.Core.Response | PouchDB.Core.Error>
  try {
    results = await pouch.local(dbName).bulkDocs(docs as PouchDB.Core.PutDocument<object>[])
  }
  catch (err) {
    for (const doc of docs)
      await outbox.abandon(doc._id)
    throw err
  }
  const revs = new Map<string, string>()
  const failed: string[] = []
  for (const [i, res] of results.entries()) {
    const id = docs[i]!._id
    if ('ok' in res && res.ok && res.rev) {
      revs.set(id, res.rev)
      await outbox.written(id, res.rev)
    }
    else {
      failed.push(id)
      await outbox.abandon(id)
    }
  }
  await projector.catchUp(dbName)
  if (failed.length > 0)
    throw new Error(`lending: ${failed.length} of ${docs.length} documents could not be stored`)
  return revs
}
