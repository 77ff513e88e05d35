/** An answer of a CouchDB-compatible server: its status and its JSON body. */
export interface Reply<T = Record<string, unknown>> {
  status: number
  json: T
}

/**
 * A tiny client for admin scripts (provisioning, demo data) that talk to our sync-server or to
 * Apache CouchDB with a server admin's Basic credentials.
 */
export function adminClient(url: string, user: string, password: string) {
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  const base = url.replace(/\/$/, '')
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'Authorization': auth, 'Content-Type': 'application/json', 'Accept': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json() as T }
  }
}
