import type { ReadModel } from './read-model'
import { PROJECTIONS } from './projections'

export type ChangeRow = PouchDB.Core.ChangesResponseChange<object>

/**
 * Writes one batch of a database's changes feed into the read model, with the feed's new
 * checkpoint in the same transaction, so after a crash the projector resumes exactly where the
 * rows end. Each document becomes a row of the table of its kind; a deleted document, or one no
 * projection accepts, is removed from every table (ids carry their kind, so they never collide).
 * `alreadyPut`: changes whose owner row this device has put itself, unchanged since.
 */
export function writeBatch(rm: ReadModel, dbName: string, results: ChangeRow[], lastSeq: number | string, alreadyPut: (change: ChangeRow) => boolean = () => false): Promise<void> {
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
    // This device's save already put this very row (`Projector.projectWritten`): only the
    // checkpoint moves, so the lists watching the table do not run again for the same row.
    if (doc && alreadyPut(change))
      continue
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
  const ids = results.map(c => c.id)
  // A row alongside is dropped on every change of its document and put back when it still applies.
  // Only the tables with work join the transaction, so a save's own row write rarely waits on it.
  const work = PROJECTIONS.flatMap((p) => {
    const [rows, gone] = [puts.get(p.table)!, p.alongside ? ids : deletes]
    return rows.length > 0 || gone.length > 0 ? [{ table: rm.table(p.table), rows, gone }] : []
  })
  return rm.transaction('rw', [...work.map(w => w.table), rm.checkpoints], async () => {
    for (const { table, rows, gone } of work) {
      if (gone.length > 0)
        await table.bulkDelete(gone)
      if (rows.length > 0)
        await table.bulkPut(rows)
    }
    await rm.checkpoints.put({ db: dbName, seq: lastSeq })
  })
}
