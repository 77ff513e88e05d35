import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PouchStore, type ServerIdMemo } from '../../src/data/pouch'
import './helpers/node-env'
import { startSyncServer, type ServerUnderTest } from './helpers/server'

// PouchDB names each replication after `GET /`'s uuid and keeps its checkpoint under that name.
// When that one request fails, the tablet must still use the name it used before.
let server: ServerUnderTest
beforeAll(async () => {
  server = await startSyncServer()
})
afterAll(() => server.stop())

function memo(): ServerIdMemo & { value?: string } {
  const m: ServerIdMemo & { value?: string } = {
    get: async () => m.value,
    set: async (uuid) => { m.value = uuid },
  }
  return m
}

/** A fetch whose `GET /` goes wrong in the given way; every other request reaches the server. */
function rootFails(how: 'network' | 'html'): typeof fetch {
  return async (input, init) => {
    if (String(input) !== `${server.url}/`)
      return fetch(input, init)
    if (how === 'network')
      throw new TypeError('Failed to fetch')
    return new Response('<!doctype html><title>Digibalie</title>', { headers: { 'Content-Type': 'text/html' } })
  }
}

/** The id PouchDB builds a replication's name from (not in its published types). */
async function idOf(store: PouchStore): Promise<string> {
  return (store.remote('dgb-m-arendonk') as unknown as { id(): Promise<string> }).id()
}

describe('the server\'s uuid is remembered on the tablet', () => {
  it('names the replication the same when GET / fails at the next start, or answers with a page', async () => {
    const kept = memo()
    const online = await idOf(new PouchStore({ localPrefix: 'sid-', serverUrl: server.url, fetch, serverId: kept }))
    const { uuid } = await (await fetch(`${server.url}/`)).json() as { uuid: string }
    expect(online).toBe(`${uuid}dgb-m-arendonk`)
    expect(kept.value).toBe(uuid)

    for (const how of ['network', 'html'] as const)
      expect(await idOf(new PouchStore({ localPrefix: 'sid-', serverUrl: server.url, fetch: rootFails(how), serverId: kept }))).toBe(online)
  })

  it('falls back as PouchDB does when nothing is remembered yet, without failing', async () => {
    const empty = memo()
    const id = await idOf(new PouchStore({ localPrefix: 'sid-', serverUrl: server.url, fetch: rootFails('network'), serverId: empty }))
    expect(id).toBe(`${server.url}/dgb-m-arendonk/`)
    expect(empty.value).toBeUndefined()
  })
})
