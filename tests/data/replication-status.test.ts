import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer, SyncStatus } from '../../src/data'
import { newDevice, volunteer } from './helpers/device'

const vera = volunteer('vera', 'arendonk')
const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
  vi.unstubAllGlobals()
})

function device(fetch: typeof globalThis.fetch) {
  const d = newDevice({ serverUrl: 'http://desk.example', fetch })
  open.push(d.data)
  const states: SyncStatus['state'][] = []
  d.data.sync.onStatus(s => states.at(-1) !== s.state && states.push(s.state))
  return { ...d, states }
}

describe('replication status without a usable server', () => {
  it('is offline while no request gets an answer, and keeps retrying', async () => {
    let calls = 0
    const { data, states } = device((async () => {
      calls += 1
      throw new TypeError('fetch failed')
    }) as typeof fetch)

    data.sync.start(vera)

    await vi.waitFor(() => expect(data.sync.status().state).toBe('offline'))
    expect(states).toEqual(['syncing', 'offline'])
    const before = calls
    await vi.waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 5000 })

    await data.sync.stop()
    expect(data.sync.status().state).toBe('stopped')
  })

  it('stops on a 401 until someone signs in again', async () => {
    let calls = 0
    const { data } = device((async (url: string, init: RequestInit = {}) => {
      calls += 1
      if (String(url).endsWith('/_session'))
        return init.method === 'POST'
          ? Response.json({ ok: true })
          : Response.json({ ok: true, userCtx: { name: 'vera', roles: ['volunteer', 'm:arendonk'] } })
      return Response.json({ error: 'unauthorized', reason: 'You are not authorized to access this db.' }, { status: 401 })
    }) as typeof fetch)

    data.sync.start(vera)

    await vi.waitFor(() => expect(data.sync.status().state).toBe('unauthorized'))
    await new Promise(r => setTimeout(r, 200))
    const settled = calls
    await new Promise(r => setTimeout(r, 1500))
    expect(calls).toBe(settled)

    await data.auth.signIn('vera', 'geheim')
    expect(data.sync.status().state).toBe('syncing')
    await vi.waitFor(() => expect(calls).toBeGreaterThan(settled + 2))
    await vi.waitFor(() => expect(data.sync.status().state).toBe('unauthorized'))

    // Signing out ends it for good: stopped, not "unauthorized".
    await data.auth.signOut()
    expect(data.sync.status().state).toBe('stopped')
  })

  it('retries at once when the browser comes back online, instead of after the back-off', async () => {
    vi.stubGlobal('window', new EventTarget())
    let calls = 0
    const { data } = device((async () => {
      calls += 1
      throw new TypeError('fetch failed')
    }) as typeof fetch)
    data.sync.start(vera)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('offline'))
    await new Promise(r => setTimeout(r, 100))
    const before = calls

    window.dispatchEvent(new Event('online'))

    expect(data.sync.status().state).toBe('syncing')
    await vi.waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 500 })
  })

  it('says offline as soon as the browser does, even while a request still hangs', async () => {
    vi.stubGlobal('window', new EventTarget())
    const { data } = device(((_url: string, init: RequestInit = {}) => new Promise((_ok, fail) => {
      init.signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError')))
    })) as typeof fetch)
    data.sync.start(vera)
    await vi.waitFor(() => expect(data.sync.status().state).toBe('syncing'))

    window.dispatchEvent(new Event('offline'))

    expect(data.sync.status().state).toBe('offline')
    window.dispatchEvent(new Event('online'))
    expect(data.sync.status().state).toBe('syncing')
  })

  it('does not start when stopped before start-up finished', async () => {
    let calls = 0
    const { data } = device((async () => {
      calls += 1
      throw new TypeError('fetch failed')
    }) as typeof fetch)

    data.sync.start(vera)
    await data.sync.stop()
    await new Promise(r => setTimeout(r, 300))

    expect(data.sync.status().state).toBe('stopped')
    expect(calls).toBe(0)
  })
})
