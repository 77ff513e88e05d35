import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { profileFromCtx, type AppSettings } from '../../src/domain'
import { closeDevices, device, localDb } from './helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from './helpers/server'
import { makeAppSettings } from '../factories/app-settings'

const carla = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!
const change = { idleMinutes: 10, loanPeriod: { type: 'until' as const, until: '2027-06-30' }, agreement: null }
afterEach(closeDevices)

describe('the Digibank settings on a tablet', () => {
  it('are the defaults until a coordinator saves, then follow the saved document live', async () => {
    const { data } = device()
    const seen: AppSettings[] = []
    const stop = data.settings.watch(s => seen.push(s))
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ idleMinutes: 5, loanPeriod: { type: 'months', months: 12 }, agreement: null }))

    const saved = await data.settings.save(change, carla)
    expect(saved.ok).toBe(true)
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ ...change, agreement: null }))
    expect(await data.settings.current()).toEqual({ ...change, agreement: null })
    stop()
  })

  it('number the agreement text: a new version only when a text changes', async () => {
    const { data } = device()
    const texts = { nl: 'Eigen tekst', fr: 'Texte propre', en: 'Own text' }
    await data.settings.save({ ...change, agreement: texts }, carla)
    await data.settings.save({ ...change, idleMinutes: 3, agreement: texts }, carla)
    expect((await data.settings.current()).agreement?.version).toBe(1)
    await data.settings.save({ ...change, agreement: { ...texts, nl: 'Nieuwe tekst' } }, carla)
    expect((await data.settings.current()).agreement).toEqual({ version: 2, ...texts, nl: 'Nieuwe tekst' })
    // Back to the app's default text: the stored texts go.
    await data.settings.save({ ...change, agreement: null }, carla)
    expect((await data.settings.current()).agreement).toBeNull()
  })

  it('save over a revision that was pulled a moment ago and is not in the read model yet', async () => {
    const { data, prefix } = device()
    // Another coordinator's settings, just written by the pull; the read model projects them later.
    await localDb(prefix, 'dgb-config').put(makeAppSettings({ idleMinutes: 20 }))
    const saved = await data.settings.save(change, carla)
    expect(saved.ok && saved.value._rev?.startsWith('2-')).toBe(true)
    await vi.waitFor(async () => expect((await data.settings.current()).idleMinutes).toBe(10))
  })

  it('refuse a setting out of bounds without writing anything', async () => {
    const { data } = device()
    const result = await data.settings.save({ ...change, idleMinutes: 0 }, carla)
    expect(result.ok ? [] : result.issues.map(i => i.path)).toEqual(['idleMinutes'])
    expect(await data.settings.current()).toEqual({ idleMinutes: 5, loanPeriod: { type: 'months', months: 12 }, agreement: null })
  })

  it('ignore a stored document the domain refuses, keeping the defaults', async () => {
    const { data, prefix } = device()
    await data.settings.current()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await localDb(prefix, 'dgb-config').put({ ...makeAppSettings(), idleMinutes: 600 })
    await data.readModel.rebuild()
    expect((await data.settings.current()).idleMinutes).toBe(5)
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('the Digibank settings through the sync-server', () => {
  const PASSWORD = 'instellingen-wachtwoord-77'
  let server: ServerUnderTest
  beforeAll(async () => {
    server = await startSyncServer()
    await createStaff(server.url, 'carla', PASSWORD, ['coordinator'])
    await createStaff(server.url, 'lies', PASSWORD, ['volunteer', 'm:rijkevorsel'])
  })
  afterAll(() => server.stop())

  it('reach a volunteer\'s tablet, which then follows the coordinator\'s idle period', async () => {
    const office = device({ serverUrl: server.url, fetch: cookieJarFetch() }).data
    const coordinator = await office.auth.signIn('carla', PASSWORD)
    office.sync.start(coordinator)
    expect((await office.settings.save({ ...change, idleMinutes: 2 }, coordinator)).ok).toBe(true)
    await vi.waitFor(() => expect(office.sync.status()).toMatchObject({ pending: 0, refused: [] }), { timeout: 30_000 })

    const desk = device({ serverUrl: server.url, fetch: cookieJarFetch() }).data
    desk.sync.start(await desk.auth.signIn('lies', PASSWORD))
    await vi.waitFor(async () => expect((await desk.settings.current()).idleMinutes).toBe(2), { timeout: 30_000 })
  }, 90_000)
})

describe('two coordinators changing the settings offline', () => {
  const PASSWORD = 'instellingen-conflict-88'
  let server: ServerUnderTest
  beforeAll(async () => {
    server = await startSyncServer()
    await createStaff(server.url, 'carla', PASSWORD, ['coordinator'])
    await createStaff(server.url, 'cas', PASSWORD, ['coordinator'])
  })
  afterAll(() => server.stop())

  it('both reach the server; the conflict waits in the coordinators\' inbox, never silently dropped, and resolving it takes the chosen fields', async () => {
    const offices = [device({ serverUrl: server.url, fetch: cookieJarFetch() }).data, device({ serverUrl: server.url, fetch: cookieJarFetch() }).data]
    const [carlaP, casP] = [await offices[0]!.auth.signIn('carla', PASSWORD), await offices[1]!.auth.signIn('cas', PASSWORD)]
    // Both save before either has synced: two first revisions of the one settings document.
    await offices[0]!.settings.save({ ...change, idleMinutes: 3 }, carlaP)
    await offices[1]!.settings.save({ idleMinutes: 15, loanPeriod: { type: 'months', months: 6 }, agreement: null }, casP)
    offices[0]!.sync.start(carlaP)
    offices[1]!.sync.start(casP)
    for (const office of offices)
      await vi.waitFor(() => expect(office.sync.status()).toMatchObject({ pending: 0, refused: [] }), { timeout: 30_000 })

    let inbox: Array<{ type: string, id?: string }> = []
    const stop = offices[0]!.review.watchInbox([], (items) => {
      inbox = items as typeof inbox
    })
    await vi.waitFor(() => expect(inbox).toContainEqual(expect.objectContaining({ type: 'conflict', id: 'settings:digibank' })), { timeout: 30_000 })
    stop()
    const detail = (await offices[0]!.review.conflict('dgb-config', 'settings:digibank'))!
    expect(detail.differences.map(d => d.field).sort()).toEqual(expect.arrayContaining(['idleMinutes', 'loanPeriod']))
    // Keep the winner's document but take the idle period of the other revision.
    const other = detail.revisions.findIndex(r => r.body.idleMinutes !== detail.revisions[0]!.body.idleMinutes)
    await offices[0]!.review.resolve('dgb-config', 'settings:digibank', { base: 0, fields: { idleMinutes: other }, seen: detail.revisions.map(r => r.rev) })
    const expected = detail.revisions[other]!.body.idleMinutes
    await vi.waitFor(async () => expect((await offices[0]!.settings.current()).idleMinutes).toBe(expected))
    expect((await offices[0]!.review.conflict('dgb-config', 'settings:digibank'))!.revisions).toHaveLength(1)
  }, 90_000)
})
