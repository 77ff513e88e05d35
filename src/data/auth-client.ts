import { profileFromCtx, type StaffProfile, type UserCtx } from '../domain'
import type { ReadModel } from './read-model'

export type AuthErrorCode = 'badCredentials' | 'offline' | 'server'

export class AuthError extends Error {
  constructor(readonly code: AuthErrorCode, message: string = code) {
    super(message)
    this.name = 'AuthError'
  }
}

/**
 * Cookie sign-in against the server's `_session`, the way CouchDB does it: PouchDB never signs in
 * by itself, it sends whatever cookie the browser holds. The profile is kept in Dexie so a reload
 * or an offline start still knows who is signed in on this device.
 */
export class AuthClient {
  constructor(private readonly serverUrl: string, private readonly doFetch: typeof fetch, private readonly rm: ReadModel) {}

  async signIn(name: string, password: string): Promise<StaffProfile> {
    const res = await this.request('POST', JSON.stringify({ name, password }))
    if (res.status === 401)
      throw new AuthError('badCredentials')
    if (!res.ok)
      throw new AuthError('server', `sign-in failed with HTTP ${res.status}`)
    // The POST answers with name and roles too, but GET tells what the server will see on the
    // next request, i.e. that the cookie really took.
    const check = await this.request('GET')
    if (!check.ok)
      throw new AuthError('server', `session check failed with HTTP ${check.status}`)
    const body = await check.json() as { userCtx?: UserCtx }
    const profile = body.userCtx ? profileFromCtx(body.userCtx) : null
    if (!profile)
      throw new AuthError('server', 'the server did not keep the session')
    await this.rm.profile.put({ key: 'current', ...profile, signedInAt: new Date().toISOString() })
    return profile
  }

  async current(): Promise<StaffProfile | null> {
    const stored = await this.rm.profile.get('current')
    if (!stored)
      return null
    const { name, roles, municipalities } = stored
    return { name, roles, municipalities }
  }

  /** Forgets who is signed in here; their records stay, they belong to the Digibank, not the session. */
  async signOut(): Promise<void> {
    await this.request('DELETE').catch(() => undefined)
    await this.rm.profile.delete('current')
  }

  private async request(method: 'GET' | 'POST' | 'DELETE', body?: string): Promise<Response> {
    try {
      return await this.doFetch(`${this.serverUrl}/_session`, {
        method,
        credentials: 'include',
        headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
        ...(body ? { body } : {}),
      })
    }
    catch (err) {
      // fetch rejects only when no HTTP answer came back at all.
      throw new AuthError('offline', err instanceof Error ? err.message : String(err))
    }
  }
}
