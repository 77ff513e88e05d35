import { collectConflicts, collectLeaves, isDeleted, latest as latestLeaf, revExists, rootToLeaf } from 'pouchdb-merge'
import { withAttachmentData } from './attachments'
import type { Body, Database, DocRow } from './database'
import { splitRev } from './doc-row'

export interface ReadOptions {
  revs?: boolean
  revs_info?: boolean
  conflicts?: boolean
  deleted_conflicts?: boolean
  attachments?: boolean
  /** Serve the newest leaf descending from the requested revision (replication's `latest=true`). */
  latest?: boolean
}

/**
 * One revision of a document as CouchDB returns it, or undefined when that revision's body is not
 * stored (unknown, stemmed or compacted away). The meta fields follow PouchDB's own `get`, built
 * on `pouchdb-merge`'s tree walks.
 */
export function readRevision(db: Database, row: DocRow, requested: string | undefined, opts: ReadOptions = {}): Body | undefined {
  let rev = requested ?? row.winningRev
  if (!revExists(row.rev_tree, rev))
    return undefined
  if (opts.latest && requested)
    rev = latestLeaf(rev, row)
  const stored = db.getRevBody(row.id, rev)
  if (!stored)
    return undefined
  const doc: Body = { _id: row.id, _rev: rev, ...withAttachmentData(db, stored, opts.attachments === true) }
  if (isDeleted(row, rev))
    doc._deleted = true
  if (opts.conflicts) {
    const conflicts = collectConflicts(row)
    if (conflicts.length > 0)
      doc._conflicts = conflicts
  }
  if (opts.deleted_conflicts) {
    const winner = row.winningRev
    const deleted = collectLeaves(row.rev_tree).filter(l => l.opts.deleted && l.rev !== winner).map(l => l.rev)
    if (deleted.length > 0)
      doc._deleted_conflicts = deleted
  }
  if (opts.revs || opts.revs_info)
    Object.assign(doc, ancestry(row, rev, opts))
  return doc
}

/**
 * The winning revision as JSON text, copied from storage without parsing it: what `_all_docs`
 * and `_changes` with `include_docs` send for each row, `_conflicts` included when asked (PouchDB
 * asks for them on every pulled batch: parsing and writing each body again cost more than the
 * rest of that answer). Undefined for a deleted winner or a body that is not stored.
 */
export function winnerJson(db: Database, row: DocRow, opts: { conflicts?: boolean } = {}): string | undefined {
  if (row.deleted)
    return undefined
  const stored = db.getRevText(row.id, row.winningRev)
  if (stored === undefined)
    return undefined
  const conflicts = opts.conflicts ? collectConflicts(row) : []
  const tail = conflicts.length > 0 ? `,"_conflicts":${JSON.stringify(conflicts)}}` : '}'
  const head = `{"_id":${JSON.stringify(row.id)},"_rev":${JSON.stringify(row.winningRev)}`
  return stored === '{}' ? `${head}${tail}` : `${head},${stored.slice(1, -1)}${tail}`
}

/** `_revisions` and/or `_revs_info` for `rev`: its path back to the oldest revision still known. */
function ancestry(row: DocRow, rev: string, opts: ReadOptions): Body {
  const { pos, hash } = splitRev(rev)
  const path = rootToLeaf(row.rev_tree).find(p => p.ids.findIndex(x => x.id === hash) === pos - p.pos)
  if (!path)
    return {}
  const ids = path.ids.slice(0, pos - path.pos + 1).reverse()
  const out: Body = {}
  if (opts.revs)
    out._revisions = { start: pos, ids: ids.map(x => x.id) }
  if (opts.revs_info) {
    out._revs_info = ids.map((x, i) => ({
      rev: `${pos - i}-${x.id}`,
      status: x.opts.deleted ? 'deleted' : x.opts.status ?? 'available',
    }))
  }
  return out
}

/** The leaves of a document (`open_revs=all`), winner first. */
export function leafRevs(row: DocRow): string[] {
  const leaves = collectLeaves(row.rev_tree).map(l => l.rev)
  return [row.winningRev, ...leaves.filter(r => r !== row.winningRev)]
}

/** Each requested revision as `{ok: doc}` or `{missing: rev}`, the shape of `open_revs` and `_bulk_get`. */
export function openRevs(db: Database, row: DocRow | undefined, revs: readonly string[], opts: ReadOptions): ({ ok: Body } | { missing: string })[] {
  const out: ({ ok: Body } | { missing: string })[] = []
  const seen = new Set<string>()
  for (const rev of revs) {
    const doc = row && readRevision(db, row, rev, opts)
    if (!doc) {
      out.push({ missing: rev })
      continue
    }
    // With latest=true two requested revisions can resolve to the same leaf.
    if (seen.has(doc._rev as string))
      continue
    seen.add(doc._rev as string)
    out.push({ ok: doc })
  }
  return out
}
