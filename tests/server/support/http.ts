export interface Credentials {
  name: string
  password: string
}

export interface Reply<T = unknown> {
  status: number
  body: T
  headers: Headers
}

export interface RequestOptions {
  auth?: Credentials
  cookie?: string
  body?: unknown
  /** Sent as is instead of JSON. */
  raw?: string | Uint8Array
  headers?: Record<string, string>
}

export function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.name}:${c.password}`).toString('base64')}`
}

/** One HTTP request to the server; JSON bodies are parsed, anything else returned as text. */
// Tests read JSON answers field by field; typing each answer would add noise, not safety.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function request<T = any>(base: string, method: string, path: string, opts: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers }
  if (opts.auth)
    headers.Authorization = basic(opts.auth)
  if (opts.cookie)
    headers.Cookie = opts.cookie
  let body: string | Uint8Array | undefined
  if (opts.raw !== undefined) {
    body = opts.raw
  }
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['Content-Type'] ??= 'application/json'
  }
  const res = await fetch(base + path, { method, headers, body: body as BodyInit | undefined })
  const text = await res.text()
  let parsed: unknown = text
  if ((res.headers.get('content-type') ?? '').includes('application/json') && text.trim() !== '')
    parsed = JSON.parse(text)
  return { status: res.status, body: parsed as T, headers: res.headers }
}

/** Creates (or replaces) a staff account as the server admin. */
export async function createUser(base: string, admin: Credentials, name: string, password: string, roles: string[]): Promise<Credentials> {
  const id = `org.couchdb.user:${name}`
  const existing = await request(base, 'GET', `/_users/${encodeURIComponent(id)}`, { auth: admin })
  const rev = existing.status === 200 ? { _rev: existing.body._rev } : {}
  const put = await request(base, 'PUT', `/_users/${encodeURIComponent(id)}`, { auth: admin, body: { ...rev, name, password, roles, type: 'user' } })
  if (put.status !== 201)
    throw new Error(`could not create user ${name}: ${put.status} ${JSON.stringify(put.body)}`)
  return { name, password }
}

/** Signs in through `_session` and returns the `Cookie` header value to send. */
export async function signIn(base: string, c: Credentials): Promise<string> {
  const res = await request(base, 'POST', '/_session', { body: c })
  const cookie = res.headers.get('set-cookie')
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in failed: ${res.status}`)
  return cookie.split(';')[0]!
}
