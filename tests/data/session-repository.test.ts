import { afterEach, describe, expect, it } from 'vitest'
import type { SessionRow } from '../../src/data'
import { makeSessionInput, makeSessionInputs } from '../factories/session-input'
import { makeHelpSession } from '../factories/help-session'
import { closeDevices, device, localDb, volunteer } from './helpers/device'

const vera = volunteer('vera', 'arendonk')
afterEach(closeDevices)

describe('sessions.create', () => {
  it('writes the session into its municipality database and lists it at once, pending', async () => {
    const { data, prefix } = device()
    const input = makeSessionInput({ note: '  itsme op nieuwe gsm  ', durationMinutes: 25 })

    const result = await data.sessions.create(input, vera)

    expect(result.ok).toBe(true)
    if (!result.ok)
      return
    const stored = await localDb(prefix, 'dgb-m-arendonk').get(result.value._id)
    expect(stored).toMatchObject({ kind: 'help-session', createdBy: 'vera', municipality: 'arendonk', note: 'itsme op nieuwe gsm', durationMinutes: 25 })
    expect(stored._rev).toBe(result.value._rev)
    const rows = await data.sessions.list({})
    expect(rows).toEqual([{
      id: result.value._id,
      rev: stored._rev,
      municipality: 'arendonk',
      location: 'loc-arendonk-bib',
      startedAt: input.startedAt!,
      categories: ['itsme'],
      helpMode: 'samen-gedaan',
      outcome: 'opgelost',
      durationMinutes: 25,
      note: 'itsme op nieuwe gsm',
      createdBy: 'vera',
      updatedAt: result.value.updatedAt,
      pending: true,
      conflicted: false,
    } satisfies SessionRow])
    expect(data.sync.status().state).toBe('stopped')
    await expect.poll(() => data.sync.status().pending).toBe(1)
  })

  it('refuses invalid input with precise issues and writes nothing', async () => {
    const { data, prefix } = device()

    const result = await data.sessions.create(makeSessionInput({ categories: ['Poker!'], durationMinutes: 0, note: 'x'.repeat(501) }), vera)

    expect(result).toEqual({ ok: false, issues: expect.arrayContaining([
      { path: 'categories.0', code: 'notAllowed' },
      { path: 'durationMinutes', code: 'tooSmall', limit: 1 },
      { path: 'note', code: 'tooLong', limit: 500 },
    ]) })
    expect(result.ok || result.issues).toHaveLength(3)
    expect((await localDb(prefix, 'dgb-m-arendonk').allDocs()).total_rows).toBe(0)
    expect(await data.sessions.list({})).toEqual([])
    expect(data.sync.status().pending).toBe(0)
  })

  it('refuses a location in a municipality the staff member does not serve', async () => {
    const { data, prefix } = device()

    const result = await data.sessions.create(makeSessionInput({ location: 'loc-ravels-bib' }), vera)

    expect(result).toEqual({ ok: false, issues: [{ path: 'location', code: 'notAllowed' }] })
    expect((await localDb(prefix, 'dgb-m-ravels').allDocs()).total_rows).toBe(0)
    expect(await data.sessions.list({})).toEqual([])
  })

  it('stores a session in the database of the room, not of the first municipality', async () => {
    const { data, prefix } = device()
    const both = volunteer('wim', 'arendonk', 'ravels')

    const result = await data.sessions.create(makeSessionInput({ location: 'loc-ravels-weelde' }), both)

    expect(result.ok).toBe(true)
    expect((await localDb(prefix, 'dgb-m-ravels').allDocs()).total_rows).toBe(1)
    expect((await localDb(prefix, 'dgb-m-arendonk').allDocs()).total_rows).toBe(0)
    expect((await data.sessions.list({ municipalities: ['ravels'] })).map(r => r.location)).toEqual(['loc-ravels-weelde'])
  })
})

describe('sessions.watch', () => {
  it('pushes new rows, newest first, until unsubscribed', async () => {
    const { data } = device()
    const seen: SessionRow[][] = []
    const stop = data.sessions.watch({ municipalities: ['arendonk'] }, rows => seen.push(rows))
    await expect.poll(() => seen.length).toBeGreaterThan(0)
    expect(seen.at(-1)).toEqual([])

    const [first, second] = makeSessionInputs(2)
    await data.sessions.create(second!, vera)
    await data.sessions.create(first!, vera)
    await expect.poll(() => seen.at(-1)?.map(r => r.startedAt)).toEqual([second!.startedAt, first!.startedAt])

    stop()
    const count = seen.length
    await data.sessions.create(makeSessionInput(), vera)
    await new Promise(r => setTimeout(r, 50))
    expect(seen.length).toBe(count)
  })

  it('shows documents that arrive in PouchDB from elsewhere, drops deleted ones, flags conflicts', async () => {
    const { data, prefix } = device()
    await data.sessions.create(makeSessionInput(), vera)
    const db = localDb(prefix, 'dgb-m-arendonk')
    const other = makeHelpSession({ staff: 'wim' })
    const rows: SessionRow[][] = []
    const stop = data.sessions.watch({}, r => rows.push(r))

    // As a pull would: two revisions of the same document from two devices, neither derived from the other.
    await db.bulkDocs([
      { ...other, _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] } },
      { ...other, outcome: 'deels', _rev: '1-bbb', _revisions: { start: 1, ids: ['bbb'] } },
    ], { new_edits: false })
    await expect.poll(() => rows.at(-1)?.find(r => r.id === other._id)).toMatchObject({ conflicted: true, pending: false, rev: '1-bbb', outcome: 'deels' })

    const mine = (await data.sessions.list({ createdBy: 'vera' }))[0]!
    await db.remove(mine.id, mine.rev)
    await expect.poll(() => rows.at(-1)?.map(r => r.id)).toEqual([other._id])
    stop()
    await db.close()
  })
})
