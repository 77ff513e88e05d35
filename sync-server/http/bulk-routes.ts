import { collectLeaves, revExists } from 'pouchdb-merge'
import { isObject } from '../storage/attachments'
import { leafRevs, openRevs } from '../storage/read'
import { bodyOf, flag, requireReader, type Ctx } from './context'
import { badRequest, HttpError, sendJson } from './respond'
import { requireWriter, writeAs } from './writes'

function requirePost(ctx: Ctx): void {
  if (ctx.req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only POST allowed', { Allow: 'POST' })
}

/**
 * `POST /{db}/_bulk_docs`. Each document gets its own result; a refused one is
 * `{id, error: 'forbidden', reason}`, which PouchDB's replicator reports as `denied`. With
 * `new_edits: false` CouchDB lists only the failures, and so do we.
 */
export async function bulkDocs(ctx: Ctx, dbName: string): Promise<void> {
  requirePost(ctx)
  const body = await bodyOf(ctx)
  if (!isObject(body) || !Array.isArray(body.docs))
    throw badRequest('POST body must include `docs` parameter.')
  const docs = body.docs as unknown[]
  const db = requireWriter(ctx, dbName, docs.map(d => (isObject(d) ? d._id : undefined)))
  const newEdits = body.new_edits !== false
  const results = await writeAs(ctx, db, docs, newEdits)
  const shown = results
    .map(r => ('error' in r ? { ...(r.id ? { id: r.id } : {}), ...(r.rev ? { rev: r.rev } : {}), error: r.error, reason: r.reason } : r))
    .filter(r => newEdits || 'error' in r)
  sendJson(ctx.res, 201, shown)
}

/**
 * `POST /{db}/_bulk_get`: for each `{id, rev?}` the requested revision (with `latest`, the leaves
 * descending from it), as `{ok: doc}` or `{error: {...}}`. PouchDB falls back to one request per
 * document when this fails, so it must not.
 */
export async function bulkGet(ctx: Ctx, dbName: string): Promise<void> {
  requirePost(ctx)
  const db = requireReader(ctx, dbName)
  const body = await bodyOf(ctx)
  if (!isObject(body) || !Array.isArray(body.docs))
    throw badRequest('Missing JSON list of \'docs\'.')
  const opts = { revs: flag(ctx, 'revs'), attachments: flag(ctx, 'attachments'), latest: flag(ctx, 'latest') }
  // One read transaction for the whole request (see `Database.read`).
  const results = db.read(() => (body.docs as unknown[]).map((item) => {
    if (!isObject(item) || typeof item.id !== 'string') {
      const error = { id: isObject(item) && typeof item.id === 'string' ? item.id : null, rev: null, error: 'bad_request', reason: 'document id missing' }
      return { id: error.id, docs: [{ error }] }
    }
    const id = item.id
    // An empty or non-string `rev` is a mistake, not a request for every leaf.
    if (item.rev !== undefined && item.rev !== null && (typeof item.rev !== 'string' || item.rev === ''))
      return { id, docs: [{ error: { id, rev: null, error: 'bad_request', reason: 'Invalid rev format' } }] }
    const row = db.getDoc(id)
    const rev = typeof item.rev === 'string' ? item.rev : undefined
    if (!row && !rev)
      return { id, docs: [{ error: { id, rev: 'undefined', error: 'not_found', reason: 'missing' } }] }
    // Without a rev CouchDB answers every leaf, as `open_revs=all` would.
    const docs = openRevs(db, row, rev ? [rev] : leafRevs(row!), opts).map(r => 'ok' in r
      ? r
      : { error: { id, rev: r.missing, error: 'not_found', reason: 'missing' } })
    return { id, docs }
  }))
  sendJson(ctx.res, 200, { results })
}

/**
 * `POST /{db}/_revs_diff`: which of the given revisions this database lacks, and for those, the
 * leaves it holds at a lower position (`possible_ancestors`, used to send attachments only once).
 */
export async function revsDiff(ctx: Ctx, dbName: string): Promise<void> {
  requirePost(ctx)
  const db = requireReader(ctx, dbName)
  const body = await bodyOf(ctx)
  if (!isObject(body))
    throw badRequest('Request body must be a JSON object')
  const out: Record<string, { missing: string[], possible_ancestors?: string[] }> = {}
  const entries = Object.entries(body)
  for (const [, revs] of entries) {
    if (!Array.isArray(revs) || !revs.every(r => typeof r === 'string'))
      throw badRequest('Revisions must be an array of strings')
  }
  const rows = db.read(() => entries.map(([id]) => db.getDoc(id)))
  for (const [i, [id, revs]] of entries.entries()) {
    const row = rows[i]
    const missing = (revs as string[]).filter(r => !row || !revExists(row.rev_tree, r))
    if (missing.length === 0)
      continue
    const entry: { missing: string[], possible_ancestors?: string[] } = { missing }
    if (row) {
      const maxPos = Math.max(...missing.map(r => Number.parseInt(r, 10)))
      const ancestors = collectLeaves(row.rev_tree).map(l => l.rev).filter(r => Number.parseInt(r, 10) < maxPos)
      if (ancestors.length > 0)
        entry.possible_ancestors = ancestors
    }
    out[id] = entry
  }
  sendJson(ctx.res, 200, out)
}
