import type { UserCtx } from '../../../src/domain'

export interface FakeAccount {
  password: string
  roles: string[]
}

/**
 * Just enough of the server for the app in happy-dom: cookie sign-in through `_session`.
 * Every other request fails as if the network were down, so replication reports "offline" and
 * records stay pending, without a real server in a component test.
 */
export function fakeServer(accounts: Record<string, FakeAccount>, opts: { online?: boolean } = {}) {
  let signedIn: string | null = null
  const online = opts.online ?? true
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    if (!online || url.pathname !== '/_session')
      throw new TypeError('Failed to fetch')
    const method = init?.method ?? 'GET'
    if (method === 'POST') {
      const { name, password } = JSON.parse(String(init?.body)) as { name: string, password: string }
      if (accounts[name]?.password !== password)
        return json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' })
      signedIn = name
      return json(200, { ok: true, name, roles: accounts[name].roles })
    }
    if (method === 'DELETE') {
      signedIn = null
      return json(200, { ok: true })
    }
    const userCtx: UserCtx = { name: signedIn, roles: signedIn ? accounts[signedIn]!.roles : [] }
    return json(200, { ok: true, userCtx })
  }
  return { fetch }
}
