import { securityFor } from '../../src/domain'
import { isObject } from '../storage/attachments'
import { compact } from '../storage/compact'
import { ADMIN_ONLY_SECURITY, type Database, type SecurityObject } from '../storage/database'
import { purgeRevs } from '../storage/purge'
import { isValidDbName } from '../storage/registry'
import { bodyOf, isDbAdmin, requireDb, requireReader, requireServerAdmin, type Ctx } from './context'
import { badRequest, forbidden, HttpError, sendJson } from './respond'

export function dbInfo(db: Database) {
  const { live, deleted } = db.counts()
  const file = db.fileSize()
  return {
    db_name: db.name,
    doc_count: live,
    doc_del_count: deleted,
    update_seq: db.updateSeq,
    purge_seq: db.purgeSeq,
    compact_running: false,
    sizes: { file, external: 0, active: file },
    disk_format_version: 8,
    instance_start_time: '0',
    props: {},
  }
}

/** `GET|HEAD|PUT|DELETE /{db}`. */
export async function database(ctx: Ctx, name: string): Promise<void> {
  const { req, res, state } = ctx
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      sendJson(res, 200, dbInfo(requireReader(ctx, name)))
      return
    case 'PUT': {
      requireServerAdmin(ctx)
      if (!isValidDbName(name)) {
        throw new HttpError(400, 'illegal_database_name', `Name: '${name.slice(0, 64)}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.`)
      }
      const db = state.registry.create(name)
      if (!db)
        throw new HttpError(412, 'file_exists', 'The database could not be created, the file already exists.')
      db.security = securityFor(name) ?? ADMIN_ONLY_SECURITY
      sendJson(res, 201, { ok: true }, { Location: `/${encodeURIComponent(name)}` })
      return
    }
    case 'DELETE':
      requireServerAdmin(ctx)
      if (name === '_users')
        throw forbidden('the _users database cannot be deleted')
      requireDb(ctx, name)
      state.registry.delete(name)
      sendJson(res, 200, { ok: true })
      return
    case 'POST':
      // POST /{db} creates a document; handled by the document routes.
      throw new HttpError(500, 'internal', 'unreachable')
    default:
      throw new HttpError(405, 'method_not_allowed', 'Only DELETE,GET,HEAD,POST,PUT allowed', { Allow: 'DELETE,GET,HEAD,POST,PUT' })
  }
}

/**
 * `GET|PUT|DELETE /{db}/_security`. Reading it is for database admins; changing it only for server
 * admins, so no member (not even one a database names as admin) can widen access for themselves.
 */
export async function security(ctx: Ctx, name: string): Promise<void> {
  const db = requireDb(ctx, name)
  if (ctx.req.method === 'GET') {
    if (!isDbAdmin(ctx, db))
      requireServerAdmin(ctx)
    sendJson(ctx.res, 200, db.security)
    return
  }
  if (ctx.req.method === 'DELETE') {
    // Back to what the domain says for this database (server admins only for any other).
    requireServerAdmin(ctx)
    db.security = securityFor(name) ?? ADMIN_ONLY_SECURITY
    sendJson(ctx.res, 200, { ok: true })
    return
  }
  if (ctx.req.method !== 'PUT')
    throw new HttpError(405, 'method_not_allowed', 'Only DELETE,GET,PUT allowed', { Allow: 'DELETE,GET,PUT' })
  requireServerAdmin(ctx)
  db.security = parseSecurity(await bodyOf(ctx))
  sendJson(ctx.res, 200, { ok: true })
}

function parseSecurity(body: unknown): SecurityObject {
  if (!isObject(body))
    throw badRequest('the security object must be a JSON object')
  const part = (key: 'admins' | 'members') => {
    const v = body[key] ?? {}
    if (!isObject(v))
      throw badRequest(`${key} must be an object`)
    const list = (field: 'names' | 'roles') => {
      const l = v[field] ?? []
      if (!Array.isArray(l) || !l.every(x => typeof x === 'string'))
        throw badRequest(`${key}.${field} must be an array of strings`)
      return l as string[]
    }
    return { names: list('names'), roles: list('roles') }
  }
  return { admins: part('admins'), members: part('members') }
}

/** `GET|PUT /{db}/_revs_limit`. */
export async function revsLimit(ctx: Ctx, name: string): Promise<void> {
  const db = requireReader(ctx, name)
  if (ctx.req.method === 'GET') {
    sendJson(ctx.res, 200, db.revsLimit)
    return
  }
  if (ctx.req.method !== 'PUT')
    throw new HttpError(405, 'method_not_allowed', 'Only GET,PUT allowed', { Allow: 'GET,PUT' })
  requireServerAdmin(ctx)
  const body = await bodyOf(ctx)
  if (typeof body !== 'number' || !Number.isInteger(body) || body < 1)
    throw badRequest('revs_limit must be a positive integer')
  db.revsLimit = body
  sendJson(ctx.res, 200, { ok: true })
}

/** `POST /{db}/_compact`: drops bodies of non-leaf revisions and unreferenced attachments. */
export function compactDb(ctx: Ctx, name: string): void {
  if (ctx.req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only POST allowed', { Allow: 'POST' })
  const db = requireDb(ctx, name)
  if (!isDbAdmin(ctx, db))
    requireServerAdmin(ctx)
  compact(db)
  sendJson(ctx.res, 202, { ok: true })
}

/** `POST /{db}/_ensure_full_commit`: every write is already committed durably. */
export function ensureFullCommit(ctx: Ctx, name: string): void {
  requireReader(ctx, name)
  sendJson(ctx.res, 201, { ok: true, instance_start_time: '0' })
}

/**
 * `POST /{db}/_purge` with `{docid: [revs]}` (server admins): removes those leaf revisions from the
 * revision trees and storage, as CouchDB does. Tablets do not replicate purges: the retention job
 * and erasure delete first and purge later (see docs/privacy.md).
 */
export async function purge(ctx: Ctx, name: string): Promise<void> {
  if (ctx.req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only POST allowed', { Allow: 'POST' })
  requireServerAdmin(ctx)
  const db = requireDb(ctx, name)
  const body = await bodyOf(ctx)
  if (!isObject(body))
    throw badRequest('the purge request must be a JSON object of document ids and revisions')
  const request = Object.entries(body)
  if (!request.every(([, revs]) => Array.isArray(revs) && revs.every(r => typeof r === 'string')))
    throw badRequest('each document id must name an array of revisions')
  if (request.length > 1000)
    throw badRequest('at most 1000 documents per purge request')
  const purged: Record<string, string[]> = {}
  db.transaction(() => {
    for (const [id, revs] of request)
      purged[id] = purgeRevs(db, id, revs as string[])
  })
  db.notify()
  ctx.state.journal.record(Object.entries(purged).filter(([, revs]) => revs.length > 0)
    .map(([id, revs]) => ({ account: ctx.user.name, db: name, id, rev: revs.join(','), kind: null, action: 'purge' as const })))
  sendJson(ctx.res, 201, { purge_seq: null, purged })
}
