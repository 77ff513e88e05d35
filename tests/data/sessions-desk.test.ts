import { afterEach, describe, expect, it } from 'vitest'
import { profileFromCtx } from '../../src/domain'
import type { DeskConfig, SessionRow } from '../../src/data'
import { makeSessionInput } from '../factories/session-input'
import { closeDevices, device, localDb, volunteer } from './helpers/device'

const vera = volunteer('vera', 'arendonk')
const carla = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!
afterEach(closeDevices)

describe('sessions.update', () => {
  it('writes a new revision by the author, keeping the author, and lists the change', async () => {
    const { data, prefix } = device()
    const created = await data.sessions.create(makeSessionInput({ note: 'eerst' }), vera)
    if (!created.ok)
      throw new Error('fixture')
    const id = created.value._id
    const changed = await data.sessions.update(id, { ...makeSessionInput({ startedAt: created.value.startedAt }), outcome: 'doorverwezen', referral: 'ocmw', note: 'daarna' }, vera)
    expect(changed.ok).toBe(true)
    const stored = await localDb(prefix, 'dgb-m-arendonk').get(id)
    expect(stored).toMatchObject({ _rev: expect.stringMatching(/^2-/), createdBy: 'vera', createdAt: created.value.createdAt, referral: 'ocmw', note: 'daarna' })
    expect((await data.sessions.list({}))[0]).toMatchObject({ id, outcome: 'doorverwezen', referral: 'ocmw', pending: true })
  })

  it('refuses someone else\'s session and a move to another municipality', async () => {
    const { data } = device()
    const both = volunteer('wim', 'arendonk', 'ravels')
    const created = await data.sessions.create(makeSessionInput(), vera)
    const id = created.ok ? created.value._id : ''
    expect(await data.sessions.update(id, makeSessionInput(), both)).toEqual({ ok: false, issues: [{ path: '', code: 'notYours' }] })
    expect(await data.sessions.update(id, makeSessionInput({ location: 'loc-ravels-bib' }), vera)).toEqual({ ok: false, issues: [{ path: 'location', code: 'notAllowed' }] })
    expect(await data.sessions.get('session:01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull()
  })
})

describe('sessions.watchFollowUps', () => {
  it('lists follow-ups due at the location on the day or in the week before, earliest first', async () => {
    const { data } = device()
    const start = '2025-03-01T09:00:00.000Z'
    for (const followUp of ['2025-03-10', '2025-03-04', '2025-03-02', '2025-03-11'])
      await data.sessions.create(makeSessionInput({ startedAt: start, followUp, note: followUp }), vera)
    await data.sessions.create(makeSessionInput({ startedAt: start, followUp: '2025-03-10', location: 'loc-arendonk-sh' }), vera)
    const seen: SessionRow[][] = []
    const stop = data.sessions.watchFollowUps('loc-arendonk-bib', '2025-03-10', rows => seen.push(rows))
    await expect.poll(() => seen.at(-1)?.map(r => r.followUp)).toEqual(['2025-03-04', '2025-03-10'])
    stop()
  })

  it('drops a follow-up marked done, on this tablet at once, and refuses someone else\'s', async () => {
    const { data, prefix } = device()
    const start = '2025-03-01T09:00:00.000Z'
    const first = await data.sessions.create(makeSessionInput({ startedAt: start, followUp: '2025-03-09' }), vera)
    await data.sessions.create(makeSessionInput({ startedAt: start, followUp: '2025-03-10' }), vera)
    const seen: SessionRow[][] = []
    const stop = data.sessions.watchFollowUps('loc-arendonk-bib', '2025-03-10', rows => seen.push(rows))
    await expect.poll(() => seen.at(-1)?.map(r => r.followUp)).toEqual(['2025-03-09', '2025-03-10'])
    const id = first.ok ? first.value._id : ''
    expect(await data.sessions.markFollowUpDone(id, '2025-03-10', volunteer('wim', 'arendonk'))).toEqual({ ok: false, issues: [{ path: '', code: 'notYours' }] })
    const done = await data.sessions.markFollowUpDone(id, '2025-03-10', vera)
    expect(done.ok).toBe(true)
    await expect.poll(() => seen.at(-1)?.map(r => r.followUp)).toEqual(['2025-03-10'])
    const stored = await localDb(prefix, 'dgb-m-arendonk').get(id)
    expect(stored).toMatchObject({ followUp: '2025-03-09', followUpDone: '2025-03-10', createdBy: 'vera' })
    expect(stored._rev).toMatch(/^2-/)
    stop()
  })
})

describe('drafts', () => {
  it('are kept per key on this device, replaced, and discarded', async () => {
    const { data } = device()
    await data.drafts.save('session-new:vera', 'vera', { note: 'een' })
    await data.drafts.save('session-new:vera', 'vera', { note: 'twee' })
    expect(await data.drafts.get('session-new:vera')).toMatchObject({ staff: 'vera', values: { note: 'twee' } })
    expect(await data.drafts.get('session-new:wim')).toBeNull()
    await data.drafts.discard('session-new:vera')
    expect(await data.drafts.get('session-new:vera')).toBeNull()
  })

  it('tell each save, read and removal as a key and whether a draft is kept, never the values', async () => {
    const { data } = device()
    const told: unknown[][] = []
    const stop = data.drafts.onKept((...args) => told.push(args))
    await data.drafts.save('session-new:vera', 'vera', { note: 'geheim' })
    await data.drafts.get('session-new:vera')
    await data.drafts.get('session-new:wim')
    await data.drafts.discard('session-new:vera')
    stop()
    await data.drafts.save('session-new:vera', 'vera', {})
    expect(told).toEqual([['session-new:vera', true], ['session-new:vera', true], ['session-new:wim', false], ['session-new:vera', false]])
  })

  it('survive a restart of the data layer (a reload)', async () => {
    const { data, prefix } = device()
    await data.drafts.save('session-new:vera', 'vera', { note: 'blijft' })
    await data.close()
    const again = device({ localPrefix: prefix }).data
    expect((await again.drafts.get('session-new:vera'))?.values).toEqual({ note: 'blijft' })
  })
})

describe('deskConfig', () => {
  it('gives the defaults, then a coordinator\'s rename, new location and new category', async () => {
    const { data, prefix } = device()
    const seen: DeskConfig[] = []
    const stop = data.deskConfig.watch(c => seen.push(c))
    await expect.poll(() => seen.length).toBeGreaterThan(0)
    expect(seen.at(-1)!.locations.find(l => l.id === 'loc-ravels-bib')?.name).toBe('Bibliotheek Ravels')

    expect((await data.deskConfig.saveLocation({ id: 'loc-ravels-bib', municipality: 'ravels', name: 'Bib Ravels', active: true }, carla)).ok).toBe(true)
    expect((await data.deskConfig.saveLocation({ id: 'loc-ravels-poppel', municipality: 'ravels', name: 'Digipunt Poppel', active: true }, carla)).ok).toBe(true)
    expect((await data.deskConfig.saveCategory({ id: 'kinderbijslag', name: { nl: 'Kinderbijslag' }, order: 5, active: true }, carla)).ok).toBe(true)
    expect((await data.deskConfig.saveLocation({ id: 'loc-ravels-x', municipality: 'arendonk', name: 'Fout', active: true }, carla)).ok).toBe(false)
    await expect.poll(() => seen.at(-1)!.locations.filter(l => l.municipality === 'ravels').map(l => l.name)).toEqual(['Bib Ravels', 'Digipunt Poppel', 'Digipunt Weelde'])
    // The category is projected from the same feed, possibly in a later batch than the rooms.
    await expect.poll(() => seen.at(-1)!.categories.map(c => c.id)).toContain('kinderbijslag')
    expect((await localDb(prefix, 'dgb-config').allDocs()).total_rows).toBe(3)

    // A second change is a new revision of the same document.
    expect((await data.deskConfig.saveLocation({ id: 'loc-ravels-bib', municipality: 'ravels', name: 'Bib Ravels', active: false }, carla)).ok).toBe(true)
    await expect.poll(() => seen.at(-1)!.locations.find(l => l.id === 'loc-ravels-bib')?.active).toBe(false)
    stop()
  })
})
