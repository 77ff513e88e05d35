import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer, SyncStatus } from '../../src/data'
import { newDevice, volunteer } from './helpers/device'

const vera = volunteer('vera', 'arendonk')
const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
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
  })
})
