import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DB, profileFromCtx, type InboxItem } from '../../../src/domain'
import type { DataLayer } from '../../../src/data'
import { makePersonInput } from '../../factories/person'
import { makeSessionInput } from '../../factories/session-input'
import { localDb, newDevice } from '../helpers/device'

const carla = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!
let data: DataLayer
let prefix: string

beforeAll(() => {
  const device = newDevice()
  data = device.data
  prefix = device.prefix
})
afterAll(() => data.close())

function inbox(): Promise<InboxItem[]> {
  return new Promise((resolve) => {
    const stop = data.review.watchInbox(['arendonk'], (items) => {
      stop()
      resolve(items)
    })
  })
}

describe('a conflict no rule settles', () => {
  it('shows both revisions field by field, then writes the merge as winner and deletes the loser', async () => {
    const created = await data.sessions.create(makeSessionInput({ note: 'Eerste versie' }), carla)
    if (!created.ok)
      throw new Error('not created')
    const doc = created.value as typeof created.value & { _rev: string }
    const stored = await data.sessions.get(doc._id) as Record<string, unknown>
    // A second tablet wrote the same document offline: a sibling revision arrives through replication.
    const db = localDb(prefix, DB.municipality('arendonk'))
    await db.bulkDocs([{ ...stored, durationMinutes: 50, note: 'Tweede versie', _rev: '1-ffffffffffffffffffffffffffffffff', _revisions: { start: 1, ids: ['ffffffffffffffffffffffffffffffff'] } }], { new_edits: false })
    await db.close()
    await vi.waitFor(async () => expect((await inbox()).filter(i => i.type === 'conflict')).toHaveLength(1), { timeout: 10_000 })

    const detail = (await data.review.conflict(DB.municipality('arendonk'), doc._id))!
    expect(detail.revisions).toHaveLength(2)
    expect(detail.differences.map(d => d.field)).toEqual(['durationMinutes', 'note'])
    const other = detail.revisions.findIndex(r => r.body.note === 'Tweede versie')
    await data.review.resolve(detail.db, detail.id, { base: 1 - other, fields: { durationMinutes: other }, seen: detail.revisions.map(r => r.rev) })

    const after = await localDb(prefix, DB.municipality('arendonk')).get(doc._id, { conflicts: true }) as Record<string, unknown>
    expect(after._conflicts).toBeUndefined()
    expect(after).toMatchObject({ note: 'Eerste versie', durationMinutes: 50 })
    await vi.waitFor(async () => expect((await inbox()).filter(i => i.type === 'conflict')).toEqual([]), { timeout: 10_000 })
    await expect(data.review.resolve(detail.db, detail.id, { base: 0, fields: {}, seen: [] })).rejects.toThrow()
  })
})

describe('merging two records of one resident', () => {
  it('moves the sessions to the kept record, deletes the duplicate and clears the inbox item', async () => {
    const a = await data.people.create(makePersonInput({ firstName: 'Rosa', lastName: 'Claes', birthYear: 1948 }), carla, 'arendonk')
    const b = await data.people.create(makePersonInput({ firstName: 'Rosa', lastName: 'Claas', birthYear: 1948, postcode: '2370' }), carla, 'arendonk')
    if (!a.ok || !b.ok)
      throw new Error('not created')
    for (const personId of [a.value._id, b.value._id, b.value._id])
      expect((await data.sessions.create(makeSessionInput({ personId, startedAt: new Date().toISOString(), note: personId === b.value._id ? 'IBAN BE68 5390 0754 7034' : undefined }), carla)).ok).toBe(true)
    await vi.waitFor(async () => expect((await inbox()).find(i => i.type === 'duplicate')).toEqual({ type: 'duplicate', ids: [a.value._id, b.value._id].sort() }), { timeout: 10_000 })
    expect((await inbox()).filter(i => i.type === 'personal-data')).toHaveLength(2)

    expect(await data.review.mergeResidents(a.value._id, b.value._id)).toBe(2)
    expect(await data.people.get(b.value._id)).toBeNull()
    expect(await data.sessions.list({ personId: a.value._id })).toHaveLength(3)
    expect(await data.sessions.list({ personId: b.value._id })).toEqual([])
    await vi.waitFor(async () => expect((await inbox()).filter(i => i.type === 'duplicate')).toEqual([]), { timeout: 10_000 })
  })
})
