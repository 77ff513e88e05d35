import { parseDoc, processDocs, type DocInfo, type PouchErrorLike, type WriteDoc } from 'pouchdb-adapter-utils'
import { revExists } from 'pouchdb-merge'
import { AttachmentError, isObject, storeAttachments } from './attachments'
import type { Body, Database, DocRow } from './database'
import { writeLocal } from './local'
import { parseReplicated } from './replicated-doc'

/** The outcome of one document of a write, in the shape `_bulk_docs` answers it. */
export type WriteResult
  = | { ok: true, id: string, rev: string }
    | { id?: string, rev?: string, error: string, reason: string, status: number }

/**
 * Decides whether a document may be written; `previous` is the current winning revision's body
 * (null for a new or deleted document). Returns null to allow, or the reason of a 403 `forbidden`.
 */
export type Validator = (doc: Body & { _id: string }, previous: Body | null) => string | null

/** A revision that was actually stored (a replicated revision already held is not one). */
export interface Written {
  id: string
  rev: string
  /** The new revision is a deletion. */
  deleted: boolean
  /** The document existed before this write. */
  isUpdate: boolean
  kind: string | null
}

export interface WriteOptions {
  newEdits: boolean
  validate: Validator
  /** Told about each stored revision once the batch has committed (for a grouped write, while its flush runs). */
  onWritten?: (written: readonly Written[]) => void
}

/**
 * Writes a batch of documents the way PouchDB's own adapters do: `parseDoc` turns each into a
 * revision path and `processDocs` merges it into the stored tree (conflict detection, winner,
 * stemming), all inside one SQLite transaction. Only `writeDoc`, the storage callback, is ours.
 */
export function writeDocs(db: Database, docs: readonly unknown[], opts: WriteOptions): WriteResult[] {
  const batch = splitBatch(db, docs, opts)
  if (batch.parsed.length === 0)
    return batch.results
  const written = db.transaction(() => applyBatch(db, batch, opts))
  tell(written, opts)
  wake(db, written)
  return batch.results
}

/**
 * `writeDocs` for requests: the batch joins the other writes that arrive in the same turn of the
 * event loop in one SQLite transaction, so many tablets pushing at once share one fsync (group
 * commit) instead of queueing behind one each. Answers only after that transaction is durable.
 */
export async function writeDocsGrouped(db: Database, docs: readonly unknown[], opts: WriteOptions): Promise<WriteResult[]> {
  const batch = splitBatch(db, docs, opts)
  if (batch.parsed.length === 0)
    return batch.results
  // The journal is told while the log is flushed; the waiting feeds only once it is on the disk.
  const written = await db.grouped(() => applyBatch(db, batch, opts), w => tell(w, opts))
  wake(db, written)
  return batch.results
}

interface Batch {
  results: WriteResult[]
  parsed: { info: DocInfo, raw: Body & { _id: string }, index: number }[]
}

/** Parses every document of a batch (outside any transaction); `_local` ones are written at once. */
function splitBatch(db: Database, docs: readonly unknown[], opts: WriteOptions): Batch {
  const results: WriteResult[] = Array.from({ length: docs.length })
  const parsed: Batch['parsed'] = []
  docs.forEach((doc, index) => {
    if (!isObject(doc)) {
      results[index] = fail(400, 'bad_request', 'Document must be a JSON object')
      return
    }
    if (typeof doc._id === 'string' && doc._id.startsWith('_local/')) {
      results[index] = writeLocal(db, doc._id, doc)
      return
    }
    const outcome = parse(doc, opts.newEdits)
    if ('error' in outcome)
      results[index] = outcome
    else
      parsed.push({ ...outcome, index })
  })
  return { results, parsed }
}

/** Tells the journal about a committed batch. */
function tell(written: readonly Written[], opts: WriteOptions): void {
  if (written.length > 0)
    opts.onWritten?.(written)
}

/** Wakes the waiting feeds, once the batch is on the disk. */
function wake(db: Database, written: readonly Written[]): void {
  if (written.length > 0)
    db.notify()
}

/** The body of a batch's transaction: validate, merge into the revision trees, store. */
function applyBatch(db: Database, { parsed, results }: Batch, opts: WriteOptions): Written[] {
  const written: Written[] = []
  const fetched = new Map<string, DocRow>()
  for (const { info } of parsed) {
    const row = db.getDoc(info.metadata.id)
    if (row)
      fetched.set(row.id, row)
  }
  const accepted: { info: DocInfo, index: number }[] = []
  for (const item of parsed) {
    const refusal = prepare(db, item.info, item.raw, fetched.get(item.info.metadata.id), opts)
    if (refusal)
      results[item.index] = { id: item.info.metadata.id, ...refusal }
    else
      accepted.push(item)
  }

  const infos = accepted.map(a => a.info)
  const raw: (DocInfo | PouchErrorLike | undefined)[] = Array.from({ length: infos.length })
  const writeDoc: WriteDoc = (info, winningRev, winningDeleted, newDeleted, isUpdate, _delta, idx, callback) => {
    const { id, rev } = info.metadata
    db.putRevBody(id, rev, info.data)
    for (const stemmed of info.stemmedRevs ?? [])
      db.deleteRevBody(id, stemmed)
    const row: DocRow = { id, seq: db.nextSeq(), winningRev, deleted: winningDeleted, rev_tree: info.metadata.rev_tree }
    db.putDoc(row, fetched.get(id) ?? null)
    fetched.set(id, row)
    raw[idx] = info
    written.push({ id, rev, deleted: newDeleted, isUpdate, kind: typeof info.data.kind === 'string' ? info.data.kind.slice(0, 64) : null })
    callback()
  }
  // Synchronous here: our writeDoc calls back at once and there are no `_local` docs in `infos`.
  processDocs(db.revsLimit, infos, null, fetched, null, raw, writeDoc, { new_edits: opts.newEdits }, () => {})
  accepted.forEach(({ info, index }, i) => {
    const r = raw[i]
    results[index] = !r || !('error' in r)
      ? { ok: true, id: info.metadata.id, rev: info.metadata.rev }
      : { id: info.metadata.id, ...fromPouchError(r) }
  })
  return written
}

function parse(doc: Body, newEdits: boolean): { info: DocInfo, raw: Body & { _id: string } } | Extract<WriteResult, { error: string }> {
  if (!newEdits && typeof doc._rev !== 'string' && !isObject(doc._revisions))
    return fail(400, 'bad_request', 'new_edits=false requires _rev or _revisions', doc._id)
  const problem = revisionProblem(doc, newEdits)
  if (problem)
    return fail(400, 'bad_request', problem, doc._id)
  try {
    // A replicated revision, the common case of a push, skips `parseDoc`'s member-by-member copy.
    const info = (!newEdits && parseReplicated(doc)) || parseDoc({ ...doc }, newEdits)
    if ('error' in info)
      return { ...fromPouchError(info), ...(typeof doc._id === 'string' ? { id: doc._id } : {}) }
    // `parseDoc` changed only the copy; the write rules see the document as it was sent.
    return { info, raw: doc._id === info.metadata.id ? doc as Body & { _id: string } : { ...doc, _id: info.metadata.id } }
  }
  catch (error) {
    if (isObject(error) && typeof error.name === 'string' && typeof error.message === 'string')
      return { ...fromPouchError(error as unknown as PouchErrorLike), ...(typeof doc._id === 'string' ? { id: doc._id } : {}) }
    return fail(400, 'bad_request', 'Invalid document', doc._id)
  }
}

/** Validates one revision and stores its attachments; returns a refusal, or null to go on. */
function prepare(db: Database, info: DocInfo, raw: Body & { _id: string }, existing: DocRow | undefined, opts: WriteOptions) {
  const { id, rev } = info.metadata
  // A revision we already hold was accepted before; replicating it again changes nothing.
  if (!opts.newEdits && existing && revExists(existing.rev_tree, rev))
    return null
  const previous = existing && !existing.deleted ? db.getRevBody(id, existing.winningRev) ?? null : null
  const reason = opts.validate(raw, previous && { ...previous, _id: id, _rev: existing!.winningRev })
  if (reason !== null)
    return { error: 'forbidden', reason, status: 403 }
  try {
    const parentRev = typeof raw._rev === 'string' && opts.newEdits ? raw._rev : undefined
    const parentBody = parentRev ? db.getRevBody(id, parentRev) : undefined
    storeAttachments(db, info.data, Number.parseInt(rev, 10), parentBody)
  }
  catch (error) {
    if (error instanceof AttachmentError)
      return { error: error.error, reason: error.reason, status: error.status }
    throw error
  }
  return null
}

function fromPouchError(e: PouchErrorLike): { error: string, reason: string, status: number } {
  // PouchDB marks a bad `_`-member as a 500; CouchDB answers it as the client's 400.
  const status = e.name === 'doc_validation' ? 400 : e.status
  // CouchDB's own wording, with its full stop, so clients matching on it see the same text.
  const reason = e.name === 'conflict' ? 'Document update conflict.' : e.reason ?? e.message
  return { error: e.name, reason, status }
}

function fail(status: number, error: string, reason: string, id?: unknown): Extract<WriteResult, { error: string }> {
  return { ...(typeof id === 'string' ? { id } : {}), error, reason, status }
}

/** A revision id: its position (1 and up, as CouchDB and PouchDB number them) and a hash. */
const REV = /^[1-9]\d{0,8}-[0-9A-Za-z]{1,128}$/
const REV_HASH = /^[0-9A-Za-z]{1,128}$/

/**
 * What is wrong with a document's revision fields, if anything. PouchDB's `parseDoc` builds a
 * revision tree from whatever it is given, so a position of 0, -1 or 1e300, a hash with spaces, or
 * more ancestors than the position allows would otherwise be stored and replicated to every
 * tablet. `_revisions` only counts with `new_edits: false`, as in CouchDB.
 */
export function revisionProblem(doc: Body, newEdits: boolean): string | null {
  if ('_rev' in doc && doc._rev !== undefined && (typeof doc._rev !== 'string' || !REV.test(doc._rev)))
    return 'Invalid rev format'
  if (newEdits || doc._revisions === undefined)
    return null
  const revs = doc._revisions
  if (!isObject(revs) || !Number.isInteger(revs.start) || !Array.isArray(revs.ids))
    return '_revisions must be {start, ids}'
  const start = revs.start as number
  const ids = revs.ids as unknown[]
  if (start < 1 || start > 999_999_999 || ids.length === 0 || ids.length > start)
    return '_revisions.start must be at least the number of ids, and ids not empty'
  if (!ids.every(id => typeof id === 'string' && REV_HASH.test(id)))
    return 'Invalid rev format'
  if (typeof doc._rev === 'string' && doc._rev !== `${start}-${String(ids[0])}`)
    return '_rev does not match _revisions'
  return null
}
