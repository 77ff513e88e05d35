import { isCoordinator } from '../../src/domain'
import { intParam, type Ctx } from './context'
import { badRequest, forbidden, HttpError, notFound, sendJson, unauthorized } from './respond'

/** Digibalie's own endpoints are for coordinators (and server admins) only. */
export function requireCoordinator(ctx: Ctx): void {
  if (!ctx.user.name)
    throw unauthorized('Sign in as a coordinator.')
  if (!isCoordinator(ctx.user))
    throw forbidden('Only coordinators may use this.')
}

function requireMethod(ctx: Ctx, ...allowed: string[]): void {
  if (!allowed.includes(ctx.req.method ?? 'GET'))
    throw new HttpError(405, 'method_not_allowed', `Only ${allowed.join(',')} allowed`, { Allow: allowed.join(',') })
}

/**
 * `GET /_digibalie/audit?since=&limit=&db=`: the audit trail after sequence `since`, oldest first,
 * at most `limit` (default 100, at most 1,000) entries, optionally for one database.
 */
function audit(ctx: Ctx): void {
  requireMethod(ctx, 'GET', 'HEAD')
  const since = intParam(ctx, 'since', 0)
  const limit = Math.min(Math.max(intParam(ctx, 'limit', 100), 1), 1000)
  const db = ctx.url.searchParams.get('db') ?? undefined
  if (db !== undefined && (db.length === 0 || db.length > 238))
    throw badRequest('db must be a database name')
  const entries = ctx.state.journal.entries(since, limit, db)
  sendJson(ctx.res, 200, { entries, last_seq: entries.at(-1)?.seq ?? since })
}

/** `GET /_digibalie/tablets`: per account, when it last synced, what it pushed, which databases. */
function tablets(ctx: Ctx): void {
  requireMethod(ctx, 'GET', 'HEAD')
  sendJson(ctx.res, 200, { tablets: ctx.state.journal.tablets() })
}

const ENDPOINTS: Record<string, (ctx: Ctx, rest: string[]) => Promise<void> | void> = {
  audit,
  tablets,
}

export async function digibalie(ctx: Ctx, path: string[]): Promise<void> {
  const [name, ...rest] = path
  const endpoint = name !== undefined ? ENDPOINTS[name] : undefined
  ctx.route = `/_digibalie/${endpoint ? name! : '?'}`
  requireCoordinator(ctx)
  if (!endpoint)
    throw notFound()
  return endpoint(ctx, rest)
}
