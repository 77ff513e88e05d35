import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { Outbox } from '../../src/data/outbox'
import { OutboxFollower } from '../../src/data/outbox-follower'
import { PouchStore } from '../../src/data/pouch'
import { ReadModel } from '../../src/data/read-model'
import { UnsyncedRecords } from '../../src/data/staff-unsynced'
import { newDevice } from './helpers/device'

/**
 * Just the `_session` endpoint, for a coordinator; every other request fails as a network that is
 * down would, so replication retries. `holdSessionChecks` keeps the answer to each later
 * `GET _session` (the scope check of "sync now") until `release()`. `late` counts the requests
 * made after `closed` was set.
 */
function coordinatorServer() {
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  const userCtx = { name: 'carla', roles: ['coordinator'] }
  const held: Array<() => void> = []
  const state = { holdSessionChecks: false, closed: false, late: 0 }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (state.closed)
      state.late += 1
    const url = new URL(String(input))
    if (url.pathname !== '/_session')
      throw new TypeError('Failed to fetch')
    if ((init?.method ?? 'GET') === 'POST')
      return json({ ok: true, name: 'carla', roles: userCtx.roles })
    if (state.holdSessionChecks)
      await new Promise<void>(resolve => held.push(resolve))
    return json({ ok: true, userCtx })
  }
  const release = () => held.splice(0).forEach(resolve => resolve())
  return { fetch, state, release, held }
}

const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

/** A coordinator's tablet as the app leaves it after an online sign-in: replication started. */
async function signedInCoordinator() {
  const server = coordinatorServer()
  const { data } = newDevice({ serverUrl: 'http://digibalie.test', fetch: server.fetch })
  open.push(data)
  data.sync.start(await data.auth.signIn('carla', 'geheim'))
  return { data, server }
}

/** Lets every timer and IndexedDB callback that is due run. */
const settle = () => new Promise(resolve => setTimeout(resolve, 50))

describe('closing the data layer', () => {
  it('waits for a "sync now" in flight, which then starts no replication on the closed layer', async () => {
    const { data, server } = await signedInCoordinator()
    server.state.holdSessionChecks = true
    // "Sync now" first asks the server whether the account's scope changed: held here.
    const now = data.sync.now()
    await expect.poll(() => server.held.length, { timeout: 10_000 }).toBe(1)
    let closed = false
    const closing = data.close().then(() => (closed = true))
    await settle()
    // The check is still out: the close waits for it rather than closing IndexedDB under it.
    expect(closed).toBe(false)
    server.release()
    await closing
    server.state.closed = true
    await expect(now).resolves.toBeUndefined()
    expect(data.sync.status().state).toBe('stopped')
    await settle()
    expect(server.state.late).toBe(0)
  })

  it('ends a "sync now" asked for while it closes quietly, again and again', async () => {
    for (let i = 0; i < 25; i++) {
      const { data, server } = await signedInCoordinator()
      open.splice(0)
      // Both orders; the close first is a view's last request landing after the app let go.
      const calls = i % 2 === 0 ? [data.close(), data.sync.now()] : [data.sync.now(), data.close()]
      await expect(Promise.all(calls)).resolves.toEqual([undefined, undefined])
      server.state.closed = true
      expect(data.sync.status().state).toBe('stopped')
    }
  })

  it('starts no outbox read for the sync status after it closed, not even from a read under way', async () => {
    const rm = new ReadModel(`follower-${Math.random().toString(36).slice(2, 8)}-digibalie`)
    const outbox = new Outbox(rm)
    const unsynced = new UnsyncedRecords(new PouchStore({ localPrefix: 'follower-', serverUrl: 'http://127.0.0.1:9', fetch }))
    const reads: Array<Promise<void>> = []
    let closeAtNextRead = false
    const follower: OutboxFollower = new OutboxFollower(rm, outbox, unsynced, () => undefined, (read) => {
      reads.push(read)
      if (closeAtNextRead)
        follower.close()
    })
    await vi.waitFor(() => expect(reads).toHaveLength(1), { timeout: 10_000 })
    await reads[0]
    // Another tab's two entries, written without telling this outbox, and then one of this tab's:
    // IndexedDB's change notice has the read of the latter count the outbox, which holds three
    // where the read found one: that asks for a full read.
    const queuedAt = new Date().toISOString()
    await rm.outbox.bulkPut(['a', 'b'].map(id => ({ id: `other-tab-${id}`, db: 'dgb-m-arendonk', rev: '1-a', queuedAt })))
    closeAtNextRead = true
    await outbox.record('this-tab', 'dgb-m-arendonk', '1-b', 'vera')
    await vi.waitFor(() => expect(reads).toHaveLength(2), { timeout: 10_000 })
    await reads[1]
    // Three times the follower's gathering delay (50 ms): a read it still asked for would have started.
    await new Promise(resolve => setTimeout(resolve, 150))
    expect(reads).toHaveLength(2)
    rm.close()
  })
})
