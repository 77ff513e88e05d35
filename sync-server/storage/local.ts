import type { Body, Database } from './database'
import type { WriteResult } from './write'

/**
 * `_local` documents (replication checkpoints): never replicated, no revision tree, revisions
 * `0-1`, `0-2`, ... as CouchDB numbers them. A write naming a `_rev` must name the current one.
 */
export function writeLocal(db: Database, id: string, doc: Body): WriteResult {
  const existing = db.getLocal(id)
  const given = typeof doc._rev === 'string' ? doc._rev : undefined
  if (given !== undefined && given !== existing?.rev)
    return { id, error: 'conflict', reason: 'Document update conflict.', status: 409 }
  if (existing && given === undefined && doc._deleted !== true)
    return { id, error: 'conflict', reason: 'Document update conflict.', status: 409 }
  if (doc._deleted === true) {
    if (!existing)
      return { id, error: 'not_found', reason: 'missing', status: 404 }
    db.deleteLocal(id)
    return { ok: true, id, rev: '0-0' }
  }
  const n = existing ? Number.parseInt(existing.rev.slice(2), 10) + 1 : 1
  const rev = `0-${Number.isFinite(n) ? n : 1}`
  const { _id: _i, _rev: _r, _revisions: _rs, ...body } = doc
  db.putLocal(id, rev, body)
  return { ok: true, id, rev }
}

export function readLocal(db: Database, id: string): Body | undefined {
  const found = db.getLocal(id)
  return found && { _id: id, _rev: found.rev, ...found.body }
}
