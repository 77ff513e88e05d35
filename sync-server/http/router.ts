import type { IncomingMessage, ServerResponse } from 'node:http'
import { USER_PREFIX } from '../auth/users'
import { managesAccounts } from '../auth/staff-accounts'
import { readStaffAccounts } from '../auth/staff-accounts-http'
import { authenticate } from './authenticate'
import { bulkDocs, bulkGet, revsDiff } from './bulk-routes'
import { allDocs } from './all-docs'
import { changes } from './changes'
import type { Ctx, ServerState } from './context'
import { digibalie } from './digibalie-routes'
import { compactDb, database, ensureFullCommit, purge, revsLimit, security } from './db-routes'
import { changeAttachment, deleteDoc, getAttachment, getDoc, postDoc, putDoc } from './doc-routes'
import { badRequest, HttpError, sendError } from './respond'
import { setSecurityHeaders } from './security-headers'
import { allDbs, session, up, uuids, welcome } from './server-routes'
import type { StaticFiles } from './static'

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `Only ${allow} allowed`, { Allow: allow })
}

/** Splits the path into decoded segments: `%2F` inside a document id stays a slash of that id. */
function segments(pathname: string): string[] {
  const parts = pathname.split('/').slice(1)
  while (parts.length > 0 && parts[parts.length - 1] === '')
    parts.pop()
  try {
    return parts.map(p => decodeURIComponent(p))
  }
  catch {
    throw badRequest('invalid URL encoding')
  }
}

const DB_ENDPOINTS: Record<string, (ctx: Ctx, db: string) => Promise<void> | void> = {
  _security: security,
  _revs_limit: revsLimit,
  _compact: compactDb,
  _purge: purge,
  _ensure_full_commit: ensureFullCommit,
  _changes: changes,
  _bulk_docs: bulkDocs,
  _bulk_get: bulkGet,
  _revs_diff: revsDiff,
  _all_docs: allDocs,
}

async function route(ctx: Ctx, via: string | undefined): Promise<void> {
  const { path, req } = ctx
  const method = req.method ?? 'GET'
  const [first, second, ...rest] = path
  if (first === undefined) {
    ctx.route = '/'
    if (method !== 'GET' && method !== 'HEAD')
      throw methodNotAllowed('GET,HEAD')
    return welcome(ctx)
  }
  if (first.startsWith('_') && first !== '_users') {
    ctx.route = `/${first}`
    switch (first) {
      case '_up': return up(ctx)
      case '_uuids': return uuids(ctx)
      case '_all_dbs': return allDbs(ctx)
      case '_session': return session(ctx, via)
      case '_digibalie': return digibalie(ctx, [second, ...rest].filter((p): p is string => p !== undefined))
      default: throw new HttpError(400, 'illegal_database_name', 'Name: \'' + first.slice(0, 64) + '\'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.')
    }
  }
  // Coordinators read staff accounts, never their password hashes; the rest of `_users` is for admins.
  if (first === '_users' && second !== undefined && rest.length === 0 && (method === 'GET' || method === 'HEAD') && managesAccounts(ctx.user)
    && (second === '_all_docs' || second.startsWith(USER_PREFIX))) {
    ctx.route = second === '_all_docs' ? '/_users/_all_docs' : '/_users/{id}'
    return readStaffAccounts(ctx, second)
  }
  const db = first
  if (second === undefined) {
    ctx.route = `/${db}`
    return method === 'POST' ? postDoc(ctx, db) : database(ctx, db)
  }
  const endpoint = DB_ENDPOINTS[second]
  if (endpoint && rest.length === 0) {
    ctx.route = `/${db}/${second}`
    return endpoint(ctx, db)
  }
  let id: string
  let attachment: string[]
  if (second === '_local' || second === '_design') {
    if (rest.length === 0)
      throw new HttpError(404, 'not_found', 'missing')
    id = `${second}/${rest[0]!}`
    attachment = second === '_local' ? [] : rest.slice(1)
    if (second === '_local' && rest.length > 1)
      id = `${second}/${rest.join('/')}`
  }
  else if (second.startsWith('_')) {
    throw badRequest('Only reserved document ids may start with underscore.')
  }
  else {
    id = second
    attachment = rest
  }
  ctx.route = `/${db}/${id.startsWith('_local/') ? '_local/{id}' : id.startsWith('_design/') ? '_design/{id}' : '{id}'}${attachment.length ? '/{att}' : ''}`
  if (attachment.length > 0) {
    const name = attachment.join('/')
    if (method === 'GET' || method === 'HEAD')
      return getAttachment(ctx, db, id, name)
    if (method === 'PUT' || method === 'DELETE')
      return changeAttachment(ctx, db, id, name)
    throw methodNotAllowed('DELETE,GET,HEAD,PUT')
  }
  switch (method) {
    case 'GET':
    case 'HEAD': return getDoc(ctx, db, id)
    case 'PUT': return putDoc(ctx, db, id)
    case 'DELETE': return deleteDoc(ctx, db, id)
    default: throw methodNotAllowed('DELETE,GET,HEAD,PUT')
  }
}

/** Every request: the PWA's files first, then the CouchDB API, then the app shell for navigations. */
export async function handle(req: IncomingMessage, res: ServerResponse, state: ServerState, files: StaticFiles | undefined): Promise<void> {
  const started = Date.now()
  const ctx: Ctx = { req, res, state, url: new URL(req.url ?? '/', 'http://localhost'), path: [], user: { name: null, roles: [] }, route: '?' }
  res.once('finish', () => state.log(`${req.method} ${ctx.route} ${res.statusCode} ${Date.now() - started}ms`))
  setSecurityHeaders(res, state.secureCookies)
  try {
    ctx.path = segments(ctx.url.pathname)
    const first = ctx.path[0]
    const isApi = first !== undefined && (first.startsWith('_') || state.registry.get(first) !== undefined)
    // Until routing names it precisely: a known database or endpoint; any other path stays unnamed.
    ctx.route = first === undefined ? '/' : `/${isApi ? first.slice(0, 40) : '{db}'}${ctx.path.length > 1 ? '/…' : ''}`
    const wantsHtml = String(req.headers.accept ?? '').includes('text/html')
    if (files && !isApi && (first !== undefined || wantsHtml)) {
      ctx.route = 'static'
      if (files.serveFile(req, res, ctx.url.pathname) || files.serveAppShell(req, res))
        return
    }
    const auth = await authenticate(req, state)
    ctx.user = auth.user
    // A refreshed session cookie rides on whatever the answer is.
    if (auth.setCookie)
      res.setHeader('Set-Cookie', auth.setCookie)
    await route(ctx, auth.via)
  }
  catch (error) {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof HttpError) {
      sendError(res, error)
      return
    }
    // The client went away mid-request: nobody to answer, nothing wrong on our side.
    if (req.destroyed || (error instanceof Error && 'code' in error && error.code === 'ECONNRESET')) {
      res.destroy()
      return
    }
    // The client learns only that something failed; the log gets the kind of error, never a body.
    state.log(`internal error on ${req.method} ${ctx.route}: ${error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : 'unknown'}`)
    sendError(res, new HttpError(500, 'internal_server_error', 'An internal error occurred.'))
  }
}
