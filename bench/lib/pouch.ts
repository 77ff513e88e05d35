import PouchDB from 'pouchdb-core'
import HttpAdapter from 'pouchdb-adapter-http'
import MemoryAdapter from 'pouchdb-adapter-memory'
import Replication from 'pouchdb-replication'
import type { BenchServer } from './servers'

// The client is PouchDB 9, as on the tablets; the memory adapter keeps the client's own storage out
// of the figures, so what is measured is the server and the wire.
PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).plugin(Replication)

let n = 0

export function localDb(label: string): PouchDB.Database {
  n += 1
  return new PouchDB(`bench-${label}-${n}-${process.pid}`, { adapter: 'memory' })
}

export function remoteDb(server: BenchServer, db: string, fetchFn?: typeof fetch): PouchDB.Database {
  return new PouchDB(`${server.url}/${db}`, { adapter: 'http', skip_setup: true, ...fetchFn ? { fetch: fetchFn } : {}, ...server.auth ? { auth: server.auth } : {} })
}

/**
 * Signs in to `_session` the way the app does (src/data/auth-client.ts) and returns the session
 * cookie; none for a server without accounts. Its time is the sign-in's, not the sync's: a tablet
 * signs in once and then syncs with the cookie, never with a password per request.
 */
export async function signIn(server: BenchServer): Promise<string | undefined> {
  if (!server.auth)
    return undefined
  const res = await fetch(`${server.url}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: server.auth.username, password: server.auth.password }),
  })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in to ${server.kind} failed: ${res.status}`)
  return cookie
}

/**
 * `remoteDb` signed in with a session cookie: PouchDB's own fetch (or `fetchFn`) with the cookie on
 * every request, as a browser sends it.
 */
export function sessionDb(server: BenchServer, db: string, cookie: string | undefined, fetchFn?: typeof fetch): PouchDB.Database {
  if (!cookie)
    return remoteDb(server, db, fetchFn)
  const base = fetchFn ?? PouchDB.fetch
  const withCookie = (url: string | URL | Request, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as { set?: (name: string, value: string) => void }
    if (typeof headers.set === 'function')
      headers.set('Cookie', cookie)
    return base(url as string, { ...init, headers: headers as HeadersInit })
  }
  return new PouchDB(`${server.url}/${db}`, { adapter: 'http', skip_setup: true, fetch: withCookie as typeof fetch })
}

export { PouchDB }
