import { randomUUID } from 'node:crypto'
import { USER_PREFIX, USERS_DB } from '../auth/users'
import { isObject } from '../storage/attachments'
import type { Body, Database } from '../storage/database'
import { readLocal } from '../storage/local'
import { leafRevs, openRevs, readRevision, type ReadOptions } from '../storage/read'
import type { WriteResult } from '../storage/write'
import { readBody } from './body'
import { bodyOf, flag, isServerAdmin, jsonParam, requireReader, type Ctx } from './context'
import { documentFromMultipart, multipartBoundary } from './multipart'
import { badRequest, HttpError, notFound, sendJson } from './respond'
import { requireWriter, writeAs } from './writes'

/** Readers of the database, and in `_users` each account for its own document. */
export function requireDocReader(ctx: Ctx, dbName: string, id: string): Database {
  if (dbName === USERS_DB && ctx.user.name !== null && id === USER_PREFIX + ctx.user.name && !isServerAdmin(ctx.user))
    return requireWriter(ctx, dbName, [id])
  return requireReader(ctx, dbName)
}

export function readOptions(ctx: Ctx): ReadOptions {
  const meta = flag(ctx, 'meta')
  return {
    revs: flag(ctx, 'revs'),
    revs_info: flag(ctx, 'revs_info') || meta,
    conflicts: flag(ctx, 'conflicts') || meta,
    deleted_conflicts: flag(ctx, 'deleted_conflicts') || meta,
    attachments: flag(ctx, 'attachments'),
    latest: flag(ctx, 'latest'),
  }
}

/** `GET /{db}/{id}` with CouchDB's options, `open_revs` answered as JSON. */
export function getDoc(ctx: Ctx, dbName: string, id: string): void {
  const db = requireDocReader(ctx, dbName, id)
  if (id.startsWith('_local/')) {
    const doc = readLocal(db, id)
    if (!doc)
      throw notFound()
    sendJson(ctx.res, 200, doc)
    return
  }
  const row = db.getDoc(id)
  const opts = readOptions(ctx)
  const openRevsParam = ctx.url.searchParams.get('open_revs')
  if (openRevsParam !== null) {
    let revs: string[]
    if (openRevsParam === 'all') {
      revs = row ? leafRevs(row) : []
    }
    else {
      const parsed = jsonParam(ctx, 'open_revs')
      if (!Array.isArray(parsed) || !parsed.every(r => typeof r === 'string' && /^\d+-\S+$/.test(r)))
        throw badRequest('Invalid rev format')
      revs = parsed
    }
    if (!row && openRevsParam === 'all')
      throw notFound()
    const results = openRevs(db, row, revs, opts)
    if (wantsMultipart(ctx))
      sendMultipart(ctx, results)
    else
      sendJson(ctx.res, 200, results)
    return
  }
  const rev = ctx.url.searchParams.get('rev') ?? undefined
  if (!row)
    throw notFound()
  if (!rev && row.deleted)
    throw notFound('deleted')
  const doc = readRevision(db, row, rev, opts)
  if (!doc)
    throw notFound()
  sendJson(ctx.res, 200, doc, { ETag: `"${String(doc._rev)}"` })
}

/** CouchDB's replicator asks for `open_revs` as `multipart/mixed` only; everyone else gets JSON. */
function wantsMultipart(ctx: Ctx): boolean {
  const accept = String(ctx.req.headers.accept ?? '')
  return accept.includes('multipart/mixed') && !accept.includes('application/json')
}

/**
 * `open_revs` as `multipart/mixed`: one `application/json` part per revision, attachments inline
 * (base64), which CouchDB reads like any JSON document. A revision we lack is a part marked
 * `error="true"` holding `{"missing": rev}`: CouchDB's replicator reads an unmarked part as a
 * document.
 */
function sendMultipart(ctx: Ctx, results: ({ ok: Body } | { missing: string })[]): void {
  const boundary = randomUUID().replace(/-/g, '')
  const parts = results.map(r => 'ok' in r
    ? `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(r.ok)}\r\n`
    : `--${boundary}\r\nContent-Type: application/json; error="true"\r\n\r\n${JSON.stringify(r)}\r\n`)
  const body = `${parts.join('')}--${boundary}--`
  ctx.res.writeHead(200, { 'Content-Type': `multipart/mixed; boundary="${boundary}"`, 'Content-Length': Buffer.byteLength(body) })
  ctx.res.end(body)
}

/** Sends one write's result as its own response: 201 and the new rev, or CouchDB's error. */
function answerWrite(ctx: Ctx, result: WriteResult | undefined): void {
  if (!result)
    throw new HttpError(500, 'unknown_error', 'write failed')
  if ('error' in result)
    throw new HttpError(result.status, result.error, result.reason)
  sendJson(ctx.res, 201, result, { ETag: `"${result.rev}"` })
}

/** The revision a write replaces: `?rev=`, `If-Match`, or `_rev` in the body. */
function givenRev(ctx: Ctx, body?: Body): string | undefined {
  const q = ctx.url.searchParams.get('rev')
  const header = ctx.req.headers['if-match']
  const fromHeader = typeof header === 'string' ? header.replace(/^"|"$/g, '') : undefined
  const fromBody = typeof body?._rev === 'string' ? body._rev : undefined
  return q ?? fromHeader ?? fromBody
}

/** `PUT /{db}/{id}`: a JSON document, or one with its attachments as `multipart/related`. */
export async function putDoc(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const db = requireWriter(ctx, dbName, [id])
  const boundary = multipartBoundary(ctx.req.headers['content-type'], 'related')
  const body = boundary ? documentFromMultipart(await readBody(ctx.req, ctx.state.limits.maxBody), boundary) : await bodyOf(ctx)
  if (!isObject(body))
    throw badRequest('Document must be a JSON object')
  const newEdits = ctx.url.searchParams.get('new_edits') !== 'false'
  const rev = givenRev(ctx, body)
  const doc: Body = { ...body, _id: id, ...(rev ? { _rev: rev } : {}) }
  const [result] = await writeAs(ctx, db, [doc], newEdits)
  answerWrite(ctx, result)
}

/** `POST /{db}`: a new document, its id chosen by the server when missing. */
export async function postDoc(ctx: Ctx, dbName: string): Promise<void> {
  const db = requireWriter(ctx, dbName)
  const body = await bodyOf(ctx)
  if (!isObject(body))
    throw badRequest('Document must be a JSON object')
  const doc: Body = { ...body, _id: typeof body._id === 'string' ? body._id : randomUUID().replace(/-/g, '') }
  const [result] = await writeAs(ctx, db, [doc], true)
  answerWrite(ctx, result)
}

/** `DELETE /{db}/{id}?rev=`: a new deleted revision; without the current rev it is a 409. */
export async function deleteDoc(ctx: Ctx, dbName: string, id: string): Promise<void> {
  const db = requireWriter(ctx, dbName, [id])
  const rev = givenRev(ctx)
  if (!rev)
    throw new HttpError(409, 'conflict', 'Document update conflict.')
  const [result] = await writeAs(ctx, db, [{ _id: id, _rev: rev, _deleted: true }], true)
  if (result && 'error' in result && result.error === 'not_found')
    throw notFound()
  answerWrite(ctx, result)
}

/** `GET /{db}/{id}/{attachment}`: the attachment's bytes. */
export function getAttachment(ctx: Ctx, dbName: string, id: string, name: string): void {
  const db = requireDocReader(ctx, dbName, id)
  const row = db.getDoc(id)
  const rev = ctx.url.searchParams.get('rev') ?? undefined
  const doc = row && (rev || !row.deleted) ? readRevision(db, row, rev) : undefined
  const atts = doc?._attachments
  const stub = isObject(atts) ? atts[name] : undefined
  const digest = isObject(stub) && typeof stub.digest === 'string' ? stub.digest : undefined
  const data = digest ? db.getAttachment(digest) : undefined
  if (!data || !isObject(stub))
    throw notFound('Document is missing attachment')
  ctx.res.writeHead(200, {
    'Content-Type': typeof stub.content_type === 'string' ? stub.content_type : 'application/octet-stream',
    'Content-Length': data.length,
    'Content-MD5': digest!.slice(4),
    'ETag': `"${digest}"`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
  })
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : data)
}

/** `PUT|DELETE /{db}/{id}/{attachment}`: a new revision with that attachment added or removed. */
export async function changeAttachment(ctx: Ctx, dbName: string, id: string, name: string): Promise<void> {
  const db = requireWriter(ctx, dbName, [id])
  const rev = givenRev(ctx)
  const row = db.getDoc(id)
  const current = row && rev ? readRevision(db, row, rev) : undefined
  if (row && !row.deleted && !current)
    throw new HttpError(409, 'conflict', 'Document update conflict.')
  const { _conflicts: _c, ...base } = current ?? { _id: id }
  const atts: Record<string, unknown> = isObject(base._attachments) ? { ...base._attachments } : {}
  if (ctx.req.method === 'DELETE') {
    if (!(name in atts))
      throw notFound('Document is missing attachment')
    delete atts[name]
  }
  else {
    const data = await readBody(ctx.req, ctx.state.limits.maxBody)
    const type = String(ctx.req.headers['content-type'] ?? 'application/octet-stream')
    atts[name] = { content_type: type, data: data.toString('base64') }
  }
  const [result] = await writeAs(ctx, db, [{ ...base, _attachments: atts }], true)
  answerWrite(ctx, result)
}
