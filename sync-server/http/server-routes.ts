import { randomUUID } from 'node:crypto'
import { mayRead } from '../../src/domain'
import { COOKIE_NAME, sessionCookie } from '../auth/cookies'
import { isObject } from '../storage/attachments'
import { clientAddress, signIn } from './authenticate'
import { bodyOf, intParam, type Ctx } from './context'
import { badRequest, HttpError, sendJson } from './respond'

export const SERVER_VERSION = '3.3.3'

/** `GET /`: the welcome document. Its `uuid` is kept in the data folder: a new one would reset every checkpoint. */
export function welcome(ctx: Ctx): void {
  sendJson(ctx.res, 200, {
    couchdb: 'Welcome',
    version: SERVER_VERSION,
    uuid: ctx.state.uuid,
    vendor: { name: 'Digibalie sync-server' },
    features: [],
  })
}

export function up(ctx: Ctx): void {
  sendJson(ctx.res, 200, { status: 'ok' })
}

export function uuids(ctx: Ctx): void {
  const count = intParam(ctx, 'count', 1)
  if (count < 1 || count > 1000)
    throw badRequest('count must be between 1 and 1000')
  sendJson(ctx.res, 200, { uuids: Array.from({ length: count }, () => randomUUID().replace(/-/g, '')) })
}

/** `GET /_all_dbs`: only the databases the caller may read. */
export function allDbs(ctx: Ctx): void {
  const { registry } = ctx.state
  const names = registry.names().filter((name) => {
    const db = registry.get(name)
    return db !== undefined && mayRead(ctx.user, db.security)
  })
  sendJson(ctx.res, 200, names)
}

function sessionInfo(ctx: Ctx, authenticated?: string) {
  return {
    ok: true,
    userCtx: { name: ctx.user.name, roles: ctx.user.roles },
    info: {
      authentication_handlers: ['cookie', 'default'],
      ...(authenticated ? { authenticated } : {}),
    },
  }
}

/** `GET|POST|DELETE /_session`: cookie sign-in as CouchDB does it. */
export async function session(ctx: Ctx, via: string | undefined): Promise<void> {
  const { req, res, state } = ctx
  if (req.method === 'GET') {
    sendJson(res, 200, sessionInfo(ctx, via === 'basic' ? 'default' : via))
    return
  }
  if (req.method === 'DELETE') {
    sendJson(res, 200, { ok: true }, { 'Set-Cookie': `${COOKIE_NAME}=; Version=1; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${state.secureCookies ? '; Secure' : ''}` })
    return
  }
  if (req.method !== 'POST')
    throw new HttpError(405, 'method_not_allowed', 'Only GET,HEAD,POST,DELETE allowed', { Allow: 'GET,HEAD,POST,DELETE' })
  const body = await bodyOf(ctx, true)
  if (!isObject(body) || typeof body.name !== 'string' || typeof body.password !== 'string')
    throw new HttpError(400, 'bad_request', 'name and password are required')
  const { ctx: userCtx, user } = await signIn(state, body.name, body.password, clientAddress(req))
  const cookie = sessionCookie(state.tokens.issue(user), state.tokens.timeoutSeconds, state.secureCookies)
  sendJson(res, 200, { ok: true, name: userCtx.name, roles: userCtx.roles }, { 'Set-Cookie': cookie })
}
