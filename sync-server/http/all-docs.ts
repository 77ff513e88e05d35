import { isObject } from '../storage/attachments'
import type { Database, DocRow } from '../storage/database'
import { winnerJson } from '../storage/read'
import { bodyOf, flag, intParam, jsonParam, requireReader, type Ctx } from './context'
import { badRequest, HttpError, sendJsonText } from './respond'

interface Row {
  id?: string
  key: string
  value?: { rev: string, deleted?: true }
  doc?: Record<string, unknown> | null
  error?: string
}

/**
 * `GET|POST /{db}/_all_docs`: documents by id (byte order, as CouchDB sorts `_all_docs`), with
 * `keys`, `key`, `startkey`/`endkey` (and their `start_key`/`end_key` spellings),
 * `inclusive_end`, `descending`, `skip`, `limit`, `include_docs`, `conflicts`.
 */
export async function allDocs(ctx: Ctx, dbName: string): Promise<void> {
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only GET,POST allowed', { Allow: 'GET,POST' })
  const db = requireReader(ctx, dbName)
  const body = ctx.req.method === 'POST' ? await bodyOf(ctx) : undefined
  const keys = isObject(body) && body.keys !== undefined ? body.keys : jsonParam(ctx, 'keys')
  const includeDocs = flag(ctx, 'include_docs')
  const conflicts = flag(ctx, 'conflicts')
  const skip = intParam(ctx, 'skip', 0)
  const limit = intParam(ctx, 'limit', Number.MAX_SAFE_INTEGER)
  const descending = flag(ctx, 'descending')
  const total = db.counts().live

  // Rows are written as JSON text: a document's stored JSON is copied, not parsed and written again.
  const toRow = (row: DocRow): string => {
    const out: Row = { id: row.id, key: row.id, value: { rev: row.winningRev, ...(row.deleted ? { deleted: true as const } : {}) } }
    if (!includeDocs)
      return JSON.stringify(out)
    const doc = winnerJson(db, row, { conflicts }) ?? 'null'
    return `${JSON.stringify(out).slice(0, -1)},"doc":${doc}}`
  }

  if (keys !== undefined) {
    if (!Array.isArray(keys) || !keys.every(k => typeof k === 'string'))
      throw badRequest('`keys` must be an array of strings')
    // One read transaction for every key (see `Database.read`).
    const rows = db.read(() => (keys as string[]).map((key): string => {
      const row = db.getDoc(key)
      return row ? toRow(row) : JSON.stringify({ key, error: 'not_found' } satisfies Row)
    }))
    const ordered = descending ? rows.reverse() : rows
    sendRows(ctx, total, skip, ordered.slice(skip, skip + limit))
    return
  }

  const key = jsonParam(ctx, 'key')
  const start = key ?? jsonParam(ctx, 'startkey') ?? jsonParam(ctx, 'start_key')
  const end = key ?? jsonParam(ctx, 'endkey') ?? jsonParam(ctx, 'end_key')
  if ((start !== undefined && typeof start !== 'string') || (end !== undefined && typeof end !== 'string'))
    throw badRequest('_all_docs keys are document ids: strings')
  const inclusiveEnd = ctx.url.searchParams.get('inclusive_end') !== 'false'
  const rows = db.read(() => {
    const found = range(db, { start, end, inclusiveEnd, descending, skip, limit })
    return { offset: found.offset, rows: found.rows.map(toRow) }
  })
  sendRows(ctx, total, rows.offset, rows.rows)
}

function sendRows(ctx: Ctx, total: number, offset: number, rows: string[]): void {
  sendJsonText(ctx.res, 200, `{"total_rows":${total},"offset":${offset},"rows":[${rows.join(',')}]}`)
}

interface RangeQuery { start?: string, end?: string, inclusiveEnd: boolean, descending: boolean, skip: number, limit: number }

function range(db: Database, q: RangeQuery): { rows: DocRow[], offset: number } {
  const where = ['deleted = 0']
  const params: (string | number)[] = []
  const [lo, hi] = q.descending ? ['<=', q.inclusiveEnd ? '>=' : '>'] : ['>=', q.inclusiveEnd ? '<=' : '<']
  if (q.start !== undefined) {
    where.push(`id ${lo} ?`)
    params.push(q.start)
  }
  if (q.end !== undefined) {
    where.push(`id ${hi} ?`)
    params.push(q.end)
  }
  const order = q.descending ? 'DESC' : 'ASC'
  const raw = db.sql.prepare<(string | number)[], { id: string }>(
    `SELECT id FROM docs WHERE ${where.join(' AND ')} ORDER BY id ${order} LIMIT ? OFFSET ?`,
  ).all(...params, Math.min(q.limit, 1_000_000_000), q.skip)
  const before = q.start === undefined
    ? 0
    : db.sql.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM docs WHERE deleted = 0 AND id ${q.descending ? '>' : '<'} ?`).get(q.start)?.n ?? 0
  return { rows: raw.flatMap(r => db.getDoc(r.id) ?? []), offset: before + q.skip }
}
