import type { IncomingMessage } from 'node:http'
import type { UserCtx } from '../../src/domain'
import { COOKIE_NAME, readCookie, sessionCookie } from '../auth/cookies'
import type { ServerState } from './context'
import { HttpError } from './respond'

export const ANONYMOUS: UserCtx = { name: null, roles: [] }

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}

/**
 * Who is calling: Basic credentials when sent (wrong ones are a 401, as in CouchDB), otherwise the
 * session cookie (an invalid or expired cookie is simply anonymous), otherwise anonymous.
 */
export async function authenticate(req: IncomingMessage, state: ServerState): Promise<{ user: UserCtx, setCookie?: string, via?: 'basic' | 'cookie' }> {
  const header = req.headers.authorization
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    const name = colon === -1 ? decoded : decoded.slice(0, colon)
    const password = colon === -1 ? '' : decoded.slice(colon + 1)
    const found = await signIn(state, name, password, clientAddress(req))
    return { user: found.ctx, via: 'basic' }
  }
  const token = readCookie(req.headers.cookie, COOKIE_NAME)
  if (token) {
    const peeked = state.tokens.peek(token)
    const user = peeked ? state.users.forSession(peeked.name) : undefined
    if (user && user.disabled !== true) {
      const { valid, refresh } = state.tokens.check(token, user)
      if (valid) {
        const setCookie = refresh ? sessionCookie(state.tokens.issue(user), state.tokens.timeoutSeconds, state.secureCookies) : undefined
        return { user: { name: user.name, roles: [...user.roles] }, via: 'cookie', ...(setCookie ? { setCookie } : {}) }
      }
    }
  }
  return { user: ANONYMOUS }
}

/** Checks a name and password under the sign-in rate limit; throws CouchDB's 401 when wrong. */
export async function signIn(state: ServerState, name: string, password: string, address: string) {
  const wait = state.limiter.retryAfter(name, address)
  if (wait > 0)
    throw new HttpError(429, 'too_many_requests', 'Too many failed sign-in attempts; try again later.', { 'Retry-After': String(wait) })
  const found = await state.users.authenticate(name, password)
  if (!found) {
    state.limiter.fail(name, address)
    throw new HttpError(401, 'unauthorized', 'Name or password is incorrect.')
  }
  state.limiter.succeed(name)
  return found
}
