import { describeDb, fieldDifferences, KIND_RULES, mergeRevisions, type FieldChoice, type FieldDifference, type RevisionBody } from '../../domain'
import { writeDocs, type ClassesDeps } from '../classes/write'

type StoredDoc = PouchDB.Core.ExistingDocument<Record<string, unknown>> & { _conflicts?: string[], _attachments?: Record<string, unknown> }

/** A document in conflict: the winner first, then every other leaf, and what differs between them. */
export interface ConflictDetail {
  id: string
  db: string
  kind: string
  revisions: Array<{ rev: string, body: RevisionBody }>
  differences: FieldDifference[]
}

export interface Resolution {
  /** The revision the result starts from. */
  base: number
  /** Fields taken from another revision than `base`. */
  fields: FieldChoice
  /** The revisions the coordinator looked at, so a revision synced in meanwhile is not lost. */
  seen: readonly string[]
}

export async function loadConflict(deps: ClassesDeps, dbName: string, id: string): Promise<ConflictDetail | null> {
  await deps.ready
  const db = deps.pouch.local(dbName)
  let winner: StoredDoc
  try {
    winner = await db.get(id, { conflicts: true }) as StoredDoc
  }
  catch {
    return null
  }
  const losers = await Promise.all((winner._conflicts ?? []).map(rev => db.get(id, { rev }) as Promise<StoredDoc>))
  const revisions = [winner, ...losers].map(({ _conflicts: _c, ...body }) => ({ rev: body._rev, body }))
  return { id, db: dbName, kind: String(winner.kind ?? ''), revisions, differences: fieldDifferences(revisions.map(r => r.body)) }
}

/** The domain's validation for a record kind in this database (null when no rule knows it). */
function validatorFor(dbName: string, kind: string) {
  const info = describeDb(dbName)
  return info ? KIND_RULES[info.kind]?.[kind]?.validate ?? null : null
}

/**
 * Writes the chosen result as a new revision on top of the winner and deletes every other leaf in
 * one `bulkDocs`, as CouchDB recommends; replication carries both to the server and the tablets.
 */
export async function resolveConflict(deps: ClassesDeps, dbName: string, id: string, resolution: Resolution, now = new Date()): Promise<void> {
  const detail = await loadConflict(deps, dbName, id)
  if (!detail || detail.revisions.length < 2)
    throw new Error('conflict already resolved')
  const revs = detail.revisions.map(r => r.rev)
  if (revs.length !== resolution.seen.length || revs.some(r => !resolution.seen.includes(r)))
    throw new Error('the revisions changed; look again')
  const merged = mergeRevisions(detail.revisions.map(r => r.body), resolution.fields, resolution.base, now.toISOString())
  const validate = validatorFor(dbName, detail.kind)
  if (validate && !validate(merged).ok)
    throw new Error('the merged record is not valid')
  const winner = detail.revisions[0]!
  const attachments = winner.body._attachments
  const deletions = detail.revisions.slice(1).map(r => ({ _id: id, _rev: r.rev, _deleted: true }))
  // The result last, so the outbox entry ends up waiting for the winner's new revision.
  const result: { _id: string, _rev: string } = { ...merged, _id: id, _rev: winner.rev, ...(attachments ? { _attachments: attachments } : {}) }
  await writeDocs(deps, dbName, [...deletions, result])
}
