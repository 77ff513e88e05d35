import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { makeHelpSessions } from '../factories/help-session'
import { newDevice } from './helpers/device'
import { ADMIN, cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// Issue 8: a reload in the middle of a pull resumes from the pull's checkpoint. A reload is one
// data layer whose network dies mid-batch, then a new data layer on the same local databases.
const PASSWORD = 'digipunt-2370'
const SEEDED = 800
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'vera', PASSWORD, ['volunteer', 'm:arendonk'])
  const docs = makeHelpSessions(SEEDED, { staff: 'vera' })
  const res = await fetch(`${server.url}/dgb-m-arendonk/_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` },
    body: JSON.stringify({ docs }),
  })
  expect(res.status).toBe(201)
})

afterAll(async () => {
  await Promise.all(open.map(d => d.close()))
  await server.stop()
})

const urlOf = (input: Parameters<typeof fetch>[0]) => new URL(input instanceof Request ? input.url : String(input))

it('a pull cut off mid-batch and started again by a new data layer resumes from its checkpoint and fetches no revision twice', async () => {
  const jar = cookieJarFetch()
  const checkpoints: string[] = []
  const fetched: string[] = []
  const since: string[] = []
  let documentRequests = 0
  let dead = false
  const held: Array<() => void> = []
  // The first page: its seventh document request never answers, and then its network is gone.
  const firstFetch: typeof fetch = async (input, init) => {
    if (dead)
      throw new TypeError('Failed to fetch')
    const url = urlOf(input)
    if (url.pathname.startsWith('/dgb-m-arendonk/_local/') && init?.method === 'PUT')
      checkpoints.push(String((JSON.parse(String(init.body)) as { last_seq: unknown }).last_seq))
    if (url.pathname === '/dgb-m-arendonk/_bulk_get') {
      if (++documentRequests > 6) {
        await new Promise<void>(resolve => held.push(resolve))
        throw new TypeError('Failed to fetch')
      }
      fetched.push(...(JSON.parse(String(init?.body)) as { docs: Array<{ id: string, rev: string }> }).docs.map(d => `${d.id} ${d.rev}`))
    }
    return jar(input, init)
  }
  const first = newDevice({ serverUrl: server.url, fetch: firstFetch })
  open.push(first.data)
  const profile = await first.data.auth.signIn('vera', PASSWORD)
  first.data.sync.start(profile)
  await vi.waitFor(() => expect(held.length).toBeGreaterThan(0), { timeout: 60_000, interval: 100 })
  const saved = [...checkpoints]
  dead = true
  for (const release of held)
    release()
  await first.data.close()

  // The reloaded page: same local databases, same cookie.
  const secondFetch: typeof fetch = async (input, init) => {
    const url = urlOf(input)
    if (url.pathname === '/dgb-m-arendonk/_changes')
      since.push(url.searchParams.get('since') ?? '0')
    if (url.pathname === '/dgb-m-arendonk/_bulk_get')
      fetched.push(...(JSON.parse(String(init?.body)) as { docs: Array<{ id: string, rev: string }> }).docs.map(d => `${d.id} ${d.rev}`))
    return jar(input, init)
  }
  const second = newDevice({ serverUrl: server.url, fetch: secondFetch, localPrefix: first.prefix })
  open.push(second.data)
  second.data.sync.start(profile)
  await vi.waitFor(async () => {
    expect(second.data.sync.status()).toMatchObject({ state: 'synced', pending: 0 })
    expect(await second.data.sessions.list({})).toHaveLength(SEEDED)
  }, { timeout: 60_000, interval: 250 })

  expect(saved.length).toBeGreaterThan(0)
  expect(since[0]).not.toBe('0')
  expect(saved).toContain(since[0])
  expect(new Set(fetched).size).toBe(fetched.length)
  expect(new Set(fetched).size).toBe(SEEDED)
})
