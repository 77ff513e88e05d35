import { afterEach, describe, expect, it } from 'vitest'
import { AuthError, type DataLayer } from '../../src/data'
import { makeSessionInput } from '../factories/session-input'
import { newDevice } from './helpers/device'

interface Call { method: string, url: string, body?: string, credentials?: string }

/** A `_session` endpoint that answers like CouchDB, or fails the way a network does. */
function fakeServer(answer: (call: Call) => Response | Error) {
  const calls: Call[] = []
  const fetch = (async (url: string, init: RequestInit = {}) => {
    const call: Call = { method: init.method ?? 'GET', url: String(url), credentials: init.credentials, ...(typeof init.body === 'string' ? { body: init.body } : {}) }
    calls.push(call)
    const result = answer(call)
    if (result instanceof Error)
      throw result
    return result
  }) as typeof globalThis.fetch
  return { calls, fetch }
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const couch = (call: Call) => {
  if (call.method === 'POST')
    return JSON.parse(call.body!).password === 'geheim' ? json(200, { ok: true, name: 'vera', roles: [] }) : json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' })
  if (call.method === 'GET')
    return json(200, { ok: true, userCtx: { name: 'vera', roles: ['volunteer', 'm:arendonk', 'm:ravels', 'something-else'] } })
  return json(200, { ok: true })
}

const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

function device(answer: (call: Call) => Response | Error, localPrefix?: string) {
  const server = fakeServer(answer)
  const d = newDevice({ serverUrl: 'http://desk.example/', fetch: server.fetch, ...(localPrefix ? { localPrefix } : {}) })
  open.push(d.data)
  return { ...server, ...d }
}

describe('auth', () => {
  it('signs in with a cookie session, reads the roles back and keeps the profile on the device', async () => {
    const { data, calls, prefix } = device(couch)

    const profile = await data.auth.signIn('vera', 'geheim')

    expect(profile).toEqual({ name: 'vera', roles: ['volunteer'], municipalities: ['arendonk', 'ravels'] })
    expect(calls.map(c => `${c.method} ${c.url} ${c.credentials}`)).toEqual([
      'POST http://desk.example/_session include',
      'GET http://desk.example/_session include',
    ])
    expect(JSON.parse(calls[0]!.body!)).toEqual({ name: 'vera', password: 'geheim' })
    await open.pop()!.close()

    // A reload with the network gone still knows who is signed in.
    const offline = device(() => new TypeError('fetch failed'), prefix)
    expect(await offline.data.auth.current()).toEqual(profile)
    expect(offline.calls).toEqual([])
  })

  it.each([
    ['badCredentials', () => json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' })],
    ['offline', () => new TypeError('fetch failed')],
    ['server', () => json(500, { error: 'internal', reason: 'disk full' })],
  ] as const)('reports %s and stores nothing', async (code, answer) => {
    const { data } = device(answer)

    const error = await data.auth.signIn('vera', 'fout').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).code).toBe(code)
    expect(await data.auth.current()).toBeNull()
  })

  it('refuses a session the server did not keep (no name in userCtx)', async () => {
    const { data } = device(call => call.method === 'GET' ? json(200, { ok: true, userCtx: { name: null, roles: [] } }) : couch(call))

    await expect(data.auth.signIn('vera', 'geheim')).rejects.toMatchObject({ code: 'server' })
    expect(await data.auth.current()).toBeNull()
  })

  it('signs out even offline: forgets the profile, keeps the records', async () => {
    let online = true
    const { data, calls } = device(call => online ? couch(call) : new TypeError('fetch failed'))
    const profile = await data.auth.signIn('vera', 'geheim')
    expect((await data.sessions.create(makeSessionInput(), profile)).ok).toBe(true)
    online = false

    await data.auth.signOut()

    expect(calls.at(-1)?.method).toBe('DELETE')
    expect(await data.auth.current()).toBeNull()
    expect(await data.sessions.list({})).toHaveLength(1)
  })
})
