import { collectLeaves, compactTree, findPathToLeaf, isDeleted, removeLeafFromTree, winningRev, type RevTree } from 'pouchdb-merge'
import type { Database } from './database'

/**
 * CouchDB's `_purge` for one document: each given leaf revision is removed from the revision tree
 * with its ancestors up to the nearest branch (PouchDB's `findPathToLeaf`/`removeLeafFromTree`),
 * and their bodies are deleted. A document left without revisions disappears from storage and from
 * the changes feed, and its id is remembered so no tablet can bring it back; otherwise it gets a
 * new sequence, so tablets learn its new winner. Returns the revisions purged. Runs inside the
 * caller's transaction when there is one.
 */
export function purgeRevs(db: Database, id: string, revs: readonly string[]): string[] {
  const row = db.getDoc(id)
  if (!row)
    return []
  let tree: RevTree = row.rev_tree
  const purged: string[] = []
  for (const rev of revs) {
    let path: string[]
    try {
      path = findPathToLeaf(tree, rev)
    }
    catch {
      // Not a leaf, or unknown: CouchDB ignores it too.
      continue
    }
    for (const r of path) {
      tree = removeLeafFromTree(tree, r)
      db.deleteRevBody(id, r)
    }
    purged.push(rev)
  }
  if (purged.length === 0)
    return []
  if (tree.length === 0) {
    db.sql.prepare('DELETE FROM revs WHERE id = ?').run(id)
    db.deleteDoc(id)
    db.sql.prepare('INSERT OR REPLACE INTO purged (id, at) VALUES (?, ?)').run(id, new Date().toISOString())
  }
  else {
    const meta = { id, rev_tree: tree }
    const winner = winningRev(meta)
    db.putDoc({ id, seq: db.nextSeq(), winningRev: winner, deleted: Boolean(isDeleted(meta, winner)), rev_tree: tree })
  }
  db.purgeSeq += 1
  return purged
}

/** Purges every revision of a document. */
export function purgeDoc(db: Database, id: string): string[] {
  const row = db.getDoc(id)
  return row ? purgeRevs(db, id, collectLeaves(row.rev_tree).map(l => l.rev)) : []
}

/** Drops the bodies of a document's non-leaf revisions now, as compaction would later. */
export function compactDoc(db: Database, id: string): void {
  const row = db.getDoc(id)
  if (!row)
    return
  for (const rev of compactTree(row))
    db.deleteRevBody(id, rev)
  db.putDoc(row, row)
}

const lookups = new WeakMap<Database, { get: (id: string) => unknown }>()

/** Whether an id was purged or erased; checked on every write, so the statement is kept. */
export function isPurged(db: Database, id: string): boolean {
  let stmt = lookups.get(db)
  if (!stmt) {
    stmt = db.sql.prepare('SELECT 1 FROM purged WHERE id = ?')
    lookups.set(db, stmt)
  }
  return stmt.get(id) !== undefined
}

/** Remembers an id as removed now (erasure), before its revisions are purged. */
export function markRemoved(db: Database, id: string): void {
  db.sql.prepare('INSERT OR REPLACE INTO purged (id, at) VALUES (?, ?)').run(id, new Date().toISOString())
}
