import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../../../sync-server/server'

export const ADMIN = { name: 'admin', password: 'admin-data-tests' }

/** The real sync-server on 127.0.0.1 over a temporary data folder. */
export interface ServerUnderTest {
  url: string
  /** Stops it (connections cut, files closed) without starting again: the network is "down". */
  down(): Promise<void>
  /** Starts it again on the same port and data folder. */
  up(): Promise<void>
  stop(): Promise<void>
}

export async function startSyncServer(): Promise<ServerUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dgb-data-'))
  const options = { dataDir, adminUser: ADMIN.name, adminPassword: ADMIN.password, log: () => undefined }
  let server: RunningServer | null = await startServer({ ...options, port: 0 })
  const port = server.port
  return {
    url: server.url,
    async down() {
      await server?.close()
      server = null
    },
    async up() {
      server ??= await startServer({ ...options, port })
    },
    async stop() {
      await server?.close()
      server = null
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Creates a staff account the way an admin does: `PUT /_users/org.couchdb.user:<name>`. */
export async function createStaff(url: string, name: string, password: string, roles: string[]): Promise<void> {
  const res = await fetch(`${url}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
    body: JSON.stringify({ name, password, roles, type: 'user' }),
  })
  if (res.status !== 201)
    throw new Error(`could not create ${name}: ${res.status} ${await res.text()}`)
}

/**
 * A `fetch` that keeps cookies like a browser tab does (Node's fetch keeps none), so the
 * `AuthSession` cookie from `_session` goes with every replication request of that device.
 */
export function cookieJarFetch(): typeof fetch {
  const jar = new Map<string, string>()
  return async (input, init = {}) => {
    const headers = new Headers(init.headers)
    if (jar.size > 0)
      headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(input, { ...init, headers })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || attrs.some(a => /^\s*max-age=0\s*$/i.test(a)))
        jar.delete(name)
      else
        jar.set(name, value)
    }
    return res
  }
}
