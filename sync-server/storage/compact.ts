import { compactTree } from 'pouchdb-merge'
import type { Database } from './database'

/**
 * Compaction as CouchDB means it: keep the revision tree, drop the bodies of revisions that are no
 * longer leaves (PouchDB's `compactTree` marks them `missing`), then drop attachment data no stored
 * revision refers to. Runs in batches so requests keep being answered in between.
 */
export function compact(db: Database, batch = 500): { revisions: number, attachments: number } {
  let revisions = 0
  for (let since = 0; ;) {
    const rows = db.changes(since, batch)
    if (rows.length === 0)
      break
    db.transaction(() => {
      for (const row of rows) {
        const dropped = compactTree(row)
        if (dropped.length === 0)
          continue
        for (const rev of dropped)
          db.deleteRevBody(row.id, rev)
        // Same seq: compaction is not a change clients need to replicate.
        db.putDoc(row, row)
        revisions += dropped.length
      }
    })
    since = rows[rows.length - 1]!.seq
  }
  const attachments = db.sql.prepare(`
    DELETE FROM attachments WHERE digest NOT IN (
      SELECT json_extract(a.value, '$.digest') FROM revs, json_each(revs.body, '$._attachments') AS a
    )`).run().changes
  db.sql.pragma('wal_checkpoint(TRUNCATE)')
  return { revisions, attachments }
}
