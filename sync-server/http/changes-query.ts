import { collectLeaves } from 'pouchdb-merge'
import { isObject } from '../storage/attachments'
import type { Database, DocRow } from '../storage/database'
import { readRevision } from '../storage/read'
import { MAX_JSON_DEPTH, nestingDepth } from './body'
import { bodyOf, flag, intParam, type Ctx } from './context'
import { badRequest, notFound } from './respond'
import { checkSelector, matches, type Selector } from './selector'

export interface ChangesQuery {
  since: number
  limit: number
  descending: boolean
  allDocs: boolean
  includeDocs: boolean
  conflicts: boolean
  attachments: boolean
  filter: ((row: DocRow, doc: () => Record<string, unknown> | undefined) => boolean) | undefined
}

export interface Change {
  seq: number
  id: string
  changes: { rev: string }[]
  deleted?: true
  doc?: Record<string, unknown>
}

const SCAN_BATCH = 500

/** `since`: opaque to clients, an integer here; `now` and CouchDB's `N-...` strings are read too. */
function parseSince(raw: string | null, db: Database): number {
  if (raw === null || raw === '' || raw === '0')
    return 0
  if (raw === 'now')
    return db.updateSeq
  const unquoted = raw.replace(/^"|"$/g, '')
  const match = /^(\d+)(-.*)?$/.exec(unquoted)
  if (!match)
    throw badRequest('Malformed sequence supplied in \'since\' parameter.')
  return Number(match[1])
}

async function buildFilter(ctx: Ctx): Promise<ChangesQuery['filter']> {
  const name = ctx.url.searchParams.get('filter')
  if (name === null)
    return undefined
  const body = ctx.req.method === 'POST' ? await bodyOf(ctx) : undefined
  switch (name) {
    case '_doc_ids': {
      let ids: unknown = isObject(body) ? body.doc_ids : undefined
      const q = ctx.url.searchParams.get('doc_ids')
      if (ids === undefined && q !== null) {
        if (nestingDepth(Buffer.from(q)) > MAX_JSON_DEPTH)
          throw badRequest('`doc_ids` must be a JSON array')
        try {
          ids = JSON.parse(q)
        }
        catch {
          throw badRequest('`doc_ids` must be a JSON array')
        }
      }
      if (!Array.isArray(ids) || !ids.every(i => typeof i === 'string'))
        throw badRequest('`doc_ids` filter parameter is not a list of doc ids.')
      const set = new Set(ids)
      return row => set.has(row.id)
    }
    case '_selector': {
      const selector: Selector = checkSelector(isObject(body) ? body.selector : undefined)
      return (_row, doc) => {
        const d = doc()
        return d !== undefined && matches(d, selector)
      }
    }
    case '_design':
      return row => row.id.startsWith('_design/')
    case '_view':
      throw notFound('view filters are not supported')
    default:
      if (!/^[^/]+\/[^/]+$/.test(name))
        throw badRequest('`filter` parameter is not correctly formatted')
      // Design-document filter functions are JavaScript run on the server; this server runs none.
      throw notFound('missing json key: filters')
  }
}

export async function parseQuery(ctx: Ctx, db: Database): Promise<ChangesQuery> {
  const limit = intParam(ctx, 'limit', Number.MAX_SAFE_INTEGER)
  const style = ctx.url.searchParams.get('style')
  if (style !== null && style !== 'main_only' && style !== 'all_docs')
    throw badRequest('style must be main_only or all_docs')
  intParam(ctx, 'seq_interval', 0)
  return {
    since: parseSince(ctx.url.searchParams.get('since'), db),
    limit: Math.max(limit, 1),
    descending: flag(ctx, 'descending'),
    allDocs: style === 'all_docs',
    includeDocs: flag(ctx, 'include_docs'),
    conflicts: flag(ctx, 'conflicts'),
    attachments: flag(ctx, 'attachments'),
    filter: await buildFilter(ctx),
  }
}

/** Changes after `since` that pass the filter, and the last sequence looked at. */
export function collect(db: Database, q: ChangesQuery, since: number, limit: number): { results: Change[], lastSeq: number } {
  const results: Change[] = []
  let cursor = q.descending ? db.updateSeq + 1 : since
  let lastSeq = q.descending ? 0 : since
  for (;;) {
    // Without a filter every row is an answer: read no more rows than the limit still asks for.
    const batch = q.filter ? SCAN_BATCH : Math.max(1, Math.min(SCAN_BATCH, limit - results.length))
    const rows = db.changes(cursor, batch, q.descending)
    for (const row of rows) {
      lastSeq = row.seq
      let body: Record<string, unknown> | undefined | null = null
      const doc = () => (body === null ? (body = readRevision(db, row, undefined, { conflicts: q.conflicts, attachments: q.attachments })) : body)
      if (q.filter && !q.filter(row, doc))
        continue
      const changes = q.allDocs ? leavesWinnerFirst(row) : [{ rev: row.winningRev }]
      const change: Change = { seq: row.seq, id: row.id, changes }
      if (row.deleted)
        change.deleted = true
      if (q.includeDocs)
        change.doc = doc() ?? { _id: row.id, _rev: row.winningRev, _deleted: true }
      results.push(change)
      if (results.length >= limit)
        return { results, lastSeq }
    }
    if (rows.length < batch)
      return { results, lastSeq: q.descending ? lastSeq : Math.max(lastSeq, since) }
    cursor = rows[rows.length - 1]!.seq
  }
}

function leavesWinnerFirst(row: DocRow): { rev: string }[] {
  const others = collectLeaves(row.rev_tree).map(l => l.rev).filter(r => r !== row.winningRev)
  return [{ rev: row.winningRev }, ...others.map(rev => ({ rev }))]
}
