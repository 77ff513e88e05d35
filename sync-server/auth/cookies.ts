import { createHmac, timingSafeEqual } from 'node:crypto'
import { bytes } from '../bytes'
import type { UserDoc } from './users'

export const COOKIE_NAME = 'AuthSession'

const MAX_VERIFIED = 10_000

/**
 * Session tokens in CouchDB's manner: `name:expiry:mac`, the MAC keyed by the server secret (kept
 * in the data folder, so sessions survive a restart) and bound to the user's password salt, so a
 * password change ends every session of that account.
 */
export class SessionTokens {
  /**
   * Tokens whose MAC was verified, with the account object they were verified against. That object
   * is replaced whenever `_users` changes (`Users.forSession`), so a token counts as verified only
   * for the account as it was then: a new password (salt) or any other change verifies it again.
   */
  private readonly verified = new Map<string, object>()

  constructor(private readonly secret: Buffer, readonly timeoutSeconds: number) {}

  issue(user: UserDoc, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.timeoutSeconds
    const payload = `${user.name}:${expires.toString(16)}`
    return Buffer.from(`${payload}:${this.mac(payload, user)}`).toString('base64url')
  }

  /** The user name in a token, before the MAC is checked (to look the account up). */
  peek(token: string): { name: string, expires: number, payload: string, mac: string } | null {
    const raw = Buffer.from(token, 'base64url').toString()
    const macAt = raw.lastIndexOf(':')
    const expAt = raw.lastIndexOf(':', macAt - 1)
    if (macAt <= 0 || expAt <= 0)
      return null
    const expires = Number.parseInt(raw.slice(expAt + 1, macAt), 16)
    if (!Number.isFinite(expires))
      return null
    return { name: raw.slice(0, expAt), expires, payload: raw.slice(0, macAt), mac: raw.slice(macAt + 1) }
  }

  /** Whether `token` is valid for `user` now; also tells when it is worth refreshing. */
  check(token: string, user: UserDoc, now = Date.now()): { valid: boolean, refresh: boolean } {
    const parsed = this.peek(token)
    const nowS = Math.floor(now / 1000)
    if (!parsed || parsed.name !== user.name || parsed.expires <= nowS)
      return { valid: false, refresh: false }
    const valid = this.verified.get(token) === user || this.verify(token, parsed, user)
    // Like CouchDB, hand out a fresh cookie once a tenth of the lifetime has passed.
    return { valid, refresh: valid && parsed.expires - nowS < this.timeoutSeconds * 0.9 }
  }

  /** Checks the MAC; a valid token is remembered for this account object (see `verified`). */
  private verify(token: string, parsed: { payload: string, mac: string }, user: UserDoc): boolean {
    const expected = Buffer.from(this.mac(parsed.payload, user))
    const given = Buffer.from(parsed.mac)
    const valid = expected.length === given.length && timingSafeEqual(bytes(expected), bytes(given))
    if (valid) {
      // One entry per signed-in tablet and refresh: a few thousand at most, dropped wholesale beyond.
      if (this.verified.size >= MAX_VERIFIED)
        this.verified.clear()
      this.verified.set(token, user)
    }
    return valid
  }

  private mac(payload: string, user: UserDoc): string {
    return createHmac('sha256', bytes(this.secret)).update(`${payload}:${user.salt ?? ''}`).digest('base64url')
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header)
    return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return part.slice(eq + 1).trim()
  }
  return undefined
}

export function sessionCookie(value: string, maxAge: number, secure: boolean): string {
  return `${COOKIE_NAME}=${value}; Version=1; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
}
