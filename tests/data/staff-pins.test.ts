import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DataLayer } from '../../src/data'
import { ReadModel } from '../../src/data/read-model'
import { hashPin, verifyPin } from '../../src/data/staff-pin'
import { makeSessionInput } from '../factories/session-input'
import { localDb, newDevice } from './helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'

// PINs on a shared tablet: real WebCrypto PBKDF2, real Dexie on fake-indexeddb, real sign-in.
const PASSWORD = 'wachtwoord-van-de-balie'
let server: ServerUnderTest
const open: DataLayer[] = []

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'vera', PASSWORD, ['volunteer', 'm:arendonk'])
  await createStaff(server.url, 'wim', PASSWORD, ['volunteer', 'm:ravels'])
})
afterAll(() => server.stop())
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

function tablet(localPrefix?: string) {
  const device = newDevice({ serverUrl: server.url, fetch: cookieJarFetch(), ...(localPrefix ? { localPrefix } : {}) })
  open.push(device.data)
  return device
}

async function storedEntry(prefix: string, name: string) {
  const rm = new ReadModel(`${prefix}digibalie`)
  try {
    return await rm.staff.get(name)
  }
  finally {
    rm.close()
  }
}

describe('PINs on a shared tablet', () => {
  it('keeps only a salted, slow hash: never the PIN, never the password', async () => {
    const { data, prefix } = tablet()
    await data.auth.signIn('vera', PASSWORD)
    expect(await data.device.staff()).toEqual([{ name: 'vera', hasPin: false, blocked: false }])
    expect(await data.device.setPin('vera', '1234')).toBe('sequence')
    expect(await data.device.setPin('vera', '0000')).toBe('allSame')
    expect(await data.device.setPin('vera', '2580')).toBeNull()

    const entry = await storedEntry(prefix, 'vera')
    expect(entry).toMatchObject({ name: 'vera', roles: ['volunteer'], municipalities: ['arendonk'], failedPins: 0 })
    expect(entry!.pin!.iterations).toBeGreaterThanOrEqual(600_000)
    expect(atob(entry!.pin!.salt)).toHaveLength(16)
    expect(atob(entry!.pin!.hash)).toHaveLength(32)
    const raw = JSON.stringify(entry)
    expect(raw).not.toContain('2580')
    expect(raw).not.toContain(PASSWORD)
    expect(await data.device.staff()).toEqual([{ name: 'vera', hasPin: true, blocked: false }])
  })

  it('salts each hash anew and verifies only the right PIN', async () => {
    const a = await hashPin('2580')
    const b = await hashPin('2580')
    expect(a.salt).not.toBe(b.salt)
    expect(a.hash).not.toBe(b.hash)
    expect(await verifyPin('2580', a)).toBe(true)
    expect(await verifyPin('2581', a)).toBe(false)
    expect(await verifyPin('2580', { ...a, salt: b.salt })).toBe(false)
  })

  it('unlocks offline as another person, and blocks a PIN after five wrong tries until an online sign-in', async () => {
    const { data, prefix } = tablet()
    await data.auth.signIn('wim', PASSWORD)
    expect(await data.device.setPin('wim', '7391')).toBeNull()
    await data.auth.signIn('vera', PASSWORD)
    expect(await data.device.setPin('vera', '2580')).toBeNull()

    await data.device.lock()
    expect(await data.device.state()).toMatchObject({ locked: true, identity: { name: 'vera' } })
    const unlocked = await data.device.unlock('wim', '7391')
    expect(unlocked).toEqual({ ok: true, profile: { name: 'wim', roles: ['volunteer'], municipalities: ['ravels'] } })
    expect(await data.auth.current()).toMatchObject({ name: 'wim' })
    // Wim works here now, but the cookie (and so replication) is still Vera's.
    expect(await data.device.state()).toMatchObject({ locked: false, identity: { name: 'vera' } })

    await data.device.lock()
    for (const left of [4, 3, 2, 1])
      expect(await data.device.unlock('vera', '1111')).toEqual({ ok: false, reason: 'wrong', attemptsLeft: left })
    expect(await data.device.unlock('vera', '9999')).toEqual({ ok: false, reason: 'blocked' })
    expect(await data.device.unlock('vera', '2580')).toEqual({ ok: false, reason: 'blocked' })
    expect((await data.device.staff()).find(s => s.name === 'vera')).toEqual({ name: 'vera', hasPin: true, blocked: true })
    expect(await data.auth.current()).toMatchObject({ name: 'wim' })
    // Wim's PIN is his own: Vera's wrong tries do not touch it.
    expect((await data.device.staff()).find(s => s.name === 'wim')?.blocked).toBe(false)

    // The lock survives a restart of the app.
    await data.close()
    const again = tablet(prefix).data
    expect(await again.device.state()).toMatchObject({ locked: true })

    // Her password (online) opens the PIN again; the same PIN then works.
    await again.auth.signIn('vera', PASSWORD)
    await again.device.lock()
    expect(await again.device.unlock('vera', '2580')).toMatchObject({ ok: true })
    expect(await again.device.unlock('nobody', '2580')).toEqual({ ok: false, reason: 'unknown' })
  })

  it('forgets one person on sign-out and keeps the others able to unlock', async () => {
    const { data } = tablet()
    await data.auth.signIn('wim', PASSWORD)
    await data.device.setPin('wim', '7391')
    await data.auth.signIn('vera', PASSWORD)
    await data.device.lock()
    expect((await data.device.unlock('wim', '7391')).ok).toBe(true)

    await data.auth.signOut()
    expect(await data.device.staff()).toEqual([{ name: 'vera', hasPin: false, blocked: false }])
    expect(await data.auth.current()).toBeNull()
    // Wim was not the identity: Vera's cookie and sync stay, the tablet waits for an unlock.
    expect(await data.device.state()).toMatchObject({ locked: true, identity: { name: 'vera' } })
    expect(await data.device.unlock('wim', '7391')).toEqual({ ok: false, reason: 'unknown' })
  })
})

describe('clearing the tablet', () => {
  it('counts what would be lost, then destroys every local database and the read model', async () => {
    const { data, prefix } = tablet()
    const vera = await data.auth.signIn('vera', PASSWORD)
    await data.device.setPin('vera', '2580')
    await data.sessions.create(makeSessionInput({ note: 'gaat verloren' }), vera)
    expect(await data.device.unsynced()).toEqual({ total: 1, byAuthor: [{ name: 'vera', count: 1 }], byKind: [{ kind: 'session', count: 1 }] })
    expect(await data.device.unsynced('wim')).toMatchObject({ total: 0 })

    await data.device.clear()
    open.splice(open.indexOf(data), 1)
    const after = tablet(prefix).data
    expect(await after.sessions.list({})).toEqual([])
    expect(await after.device.staff()).toEqual([])
    expect(await after.auth.current()).toBeNull()
    expect(await after.device.unsynced()).toMatchObject({ total: 0 })
    const local = localDb(prefix, 'dgb-m-arendonk')
    expect((await local.info()).doc_count).toBe(0)
    await local.close()
  })
})
