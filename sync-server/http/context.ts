import type { IncomingMessage, ServerResponse } from 'node:http'
import { mayRead, type UserCtx } from '../../src/domain'
import type { SessionTokens } from '../auth/cookies'
import type { RateLimiter } from '../auth/rate-limit'
import type { Users } from '../auth/users'
import type { Database } from '../storage/database'
import type { Journal } from '../storage/journal'
import type { Registry } from '../storage/registry'
import { MAX_JSON_DEPTH, nestingDepth, readJson } from './body'
import { forbidden, HttpError, unauthorized } from './respond'

export interface Limits {
  /** Largest request body, in bytes. */
  maxBody: number
  /** Most `_changes` requests waiting (long-poll or continuous) at once. */
  maxWaitingChanges: number
  /** Longest a long-poll or continuous feed stays open, in ms. */
  maxFeedMs: number
  /** Longest an ordinary request may take to arrive, in ms. */
  requestTimeoutMs: number
}

/** Everything a request handler may use; one per server. */
export interface ServerState {
  registry: Registry
  users: Users
  tokens: SessionTokens
  limiter: RateLimiter
  uuid: string
  limits: Limits
  log: (line: string) => void
  waitingChanges: number
  /** Set while closing: long-polls answer at once. */
  closing: AbortController
  /** Send `Secure` cookies: the server sits behind TLS. */
  secureCookies: boolean
  /** The audit trail and the tablets' sync activity. */
  journal: Journal
}

export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  state: ServerState
  url: URL
  /** Decoded path segments, without empty trailing ones. */
  path: string[]
  user: UserCtx
  /** A short route name for the log line (never a document id or a user name). */
  route: string
}

export function isServerAdmin(user: UserCtx): boolean {
  return user.roles.includes('_admin')
}

export function requireServerAdmin(ctx: Ctx): void {
  if (isServerAdmin(ctx.user))
    return
  if (!ctx.user.name)
    throw unauthorized('You are not a server admin.')
  throw forbidden('You are not a server admin.')
}

export function requireDb(ctx: Ctx, name: string): Database {
  const db = ctx.state.registry.get(name)
  if (!db) {
    // Hide which databases exist from anonymous callers.
    if (!ctx.user.name)
      throw unauthorized()
    throw new HttpError(404, 'not_found', 'Database does not exist.')
  }
  return db
}

/** The database, when the caller may read it (CouchDB's `_security` members or admins). */
export function requireReader(ctx: Ctx, name: string): Database {
  const db = requireDb(ctx, name)
  if (mayRead(ctx.user, db.security))
    return db
  if (!ctx.user.name)
    throw unauthorized()
  throw forbidden('You are not allowed to access this db.')
}

/** Database admins: server admins and those named in `_security.admins`. */
export function isDbAdmin(ctx: Ctx, db: Database): boolean {
  if (isServerAdmin(ctx.user))
    return true
  const { admins } = db.security
  return !!ctx.user.name && (admins.names.includes(ctx.user.name) || admins.roles.some(r => ctx.user.roles.includes(r)))
}

export function bodyOf(ctx: Ctx, allowForm = false): Promise<unknown> {
  return readJson(ctx.req, ctx.state.limits.maxBody, allowForm)
}

export function flag(ctx: Ctx, name: string): boolean {
  const v = ctx.url.searchParams.get(name)
  return v === 'true' || v === '1'
}

/** A query parameter CouchDB sends as JSON (`rev` may be bare). */
export function jsonParam(ctx: Ctx, name: string): unknown {
  const v = ctx.url.searchParams.get(name)
  if (v === null)
    return undefined
  if (nestingDepth(Buffer.from(v)) > MAX_JSON_DEPTH)
    throw new HttpError(400, 'bad_request', `invalid value for ${name}`)
  try {
    return JSON.parse(v) as unknown
  }
  catch {
    throw new HttpError(400, 'bad_request', `invalid value for ${name}`)
  }
}

export function intParam(ctx: Ctx, name: string, fallback: number): number {
  const v = ctx.url.searchParams.get(name)
  if (v === null || v === '')
    return fallback
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0)
    throw new HttpError(400, 'query_parse_error', `Invalid value for integer: "${name}"`)
  return n
}
