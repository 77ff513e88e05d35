import { collectLeaves } from 'pouchdb-merge'
import type { Body, Database } from '../storage/database'
import type { AuditAction, Journal } from '../storage/journal'
import { compactDoc, purgeRevs } from '../storage/purge'
import { writeDocs } from '../storage/write'

/**
 * Writes made by the server itself (retention, erasure): no domain check (they only remove data),
 * each stored revision in the audit trail under `account`, then the bodies of the document's older
 * revisions dropped at once, so the removed text is gone from the server now rather than at the
 * next compaction.
 */
export function serverWrite(db: Database, journal: Journal, account: string, action: AuditAction, docs: Body[]): number {
  if (docs.length === 0)
    return 0
  let stored = 0
  writeDocs(db, docs, {
    newEdits: true,
    validate: () => null,
    onWritten: (written) => {
      stored = written.length
      journal.record(written.map(w => ({ account, db: db.name, id: w.id, rev: w.rev, kind: w.kind, action })))
    },
  })
  db.transaction(() => {
    for (const doc of docs)
      compactDoc(db, String(doc._id))
  })
  return stored
}

/** Removes the losing leaves of a document (conflicts) outright: they hold the old text too. */
export function purgeLosingLeaves(db: Database, journal: Journal, account: string, id: string): number {
  const row = db.getDoc(id)
  if (!row)
    return 0
  const losers = collectLeaves(row.rev_tree).map(l => l.rev).filter(r => r !== row.winningRev)
  if (losers.length === 0)
    return 0
  const purged = db.transaction(() => purgeRevs(db, id, losers))
  journal.record(purged.map(rev => ({ account, db: db.name, id, rev, kind: null, action: 'purge' as const })))
  return purged.length
}

/** A deletion that says why and when, so the retention job can purge it after the grace period. */
export function tombstone(id: string, rev: string, reason: 'retention' | 'erasure', at: string): Body {
  return { _id: id, _rev: rev, _deleted: true, removed: { reason, at } }
}
