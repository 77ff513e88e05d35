import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { DataLayer } from '../../src/data'
import { localDayStart } from '../../src/data/session-query'
import { makeSessionInput } from '../factories/session-input'
import { makeHelpSession } from '../factories/help-session'
import { localDb, newDevice, volunteer } from './helpers/device'

// A time zone an hour or two east of UTC, so a local day and a UTC day differ.
const savedTz = process.env.TZ
const local = (d: number, h: number, min = 0) => new Date(2025, 2, d, h, min).toISOString()

describe('session list filters', () => {
  let data: DataLayer
  const staff = volunteer('vera', 'arendonk', 'ravels')

  beforeAll(async () => {
    process.env.TZ = 'Europe/Brussels'
    const device = newDevice()
    data = device.data
    const rows = [
      { location: 'loc-arendonk-bib', startedAt: local(9, 23, 30) },
      { location: 'loc-arendonk-bib', startedAt: local(10, 0, 30) },
      { location: 'loc-arendonk-sh', startedAt: local(10, 12) },
      { location: 'loc-ravels-bib', startedAt: local(11, 23, 59) },
      { location: 'loc-ravels-weelde', startedAt: local(12, 0, 0) },
    ]
    for (const row of rows)
      expect((await data.sessions.create(makeSessionInput(row), staff)).ok).toBe(true)
    // Someone else's session, written elsewhere with a UTC offset instead of `Z`: 10 March 10:00 local.
    const db = localDb(device.prefix, 'dgb-m-arendonk')
    await db.put({ ...makeHelpSession({ staff: 'wim' }), startedAt: '2025-03-10T10:00:00+01:00' })
    await db.close()
    await vi.waitFor(async () => expect(await data.sessions.list({})).toHaveLength(6))
  })

  afterAll(async () => {
    await data.close()
    process.env.TZ = savedTz
  })

  const starts = async (filter: Parameters<DataLayer['sessions']['list']>[0]) =>
    (await data.sessions.list(filter)).map(r => `${r.location}@${r.startedAt}`)

  it('lists everything newest first, ordering by instant whatever the offset', async () => {
    const rows = await data.sessions.list({})
    expect(rows.map(r => Date.parse(r.startedAt))).toEqual(rows.map(r => Date.parse(r.startedAt)).sort((a, b) => b - a))
    expect(rows[3]!.startedAt).toBe('2025-03-10T10:00:00+01:00')
  })

  it('treats from and to as inclusive local calendar days', async () => {
    expect(await starts({ from: '2025-03-10', to: '2025-03-10' })).toEqual([
      `loc-arendonk-sh@${local(10, 12)}`,
      'loc-arendonk-bib@2025-03-10T10:00:00+01:00',
      `loc-arendonk-bib@${local(10, 0, 30)}`,
    ])
    expect(await starts({ from: '2025-03-11' })).toEqual([`loc-ravels-weelde@${local(12, 0)}`, `loc-ravels-bib@${local(11, 23, 59)}`])
    expect(await starts({ to: '2025-03-09' })).toEqual([`loc-arendonk-bib@${local(9, 23, 30)}`])
    expect(await data.sessions.list({ from: '2025-03-12', to: '2025-03-11' })).toEqual([])
  })

  it('filters by location, municipalities and author, and honours the limit', async () => {
    expect((await data.sessions.list({ location: 'loc-arendonk-bib' })).map(r => r.location)).toEqual(Array(3).fill('loc-arendonk-bib'))
    expect((await data.sessions.list({ municipalities: ['ravels'] })).map(r => r.location)).toEqual(['loc-ravels-weelde', 'loc-ravels-bib'])
    expect(await data.sessions.list({ municipalities: [] })).toEqual([])
    expect((await data.sessions.list({ createdBy: 'wim' })).map(r => r.startedAt)).toEqual(['2025-03-10T10:00:00+01:00'])
    expect((await data.sessions.list({ createdBy: 'vera', location: 'loc-arendonk-bib' })).length).toBe(2)
    expect(await starts({ municipalities: ['arendonk', 'ravels'], limit: 2 })).toEqual([
      `loc-ravels-weelde@${local(12, 0)}`,
      `loc-ravels-bib@${local(11, 23, 59)}`,
    ])
    expect(await starts({ municipalities: ['arendonk'], from: '2025-03-10', limit: 1 })).toEqual([`loc-arendonk-sh@${local(10, 12)}`])
  })

  it('rejects a malformed date instead of silently listing everything', async () => {
    expect(() => localDayStart('10/03/2025')).toThrow(RangeError)
    await expect(data.sessions.list({ from: '2025-3-1' })).rejects.toThrow(RangeError)
  })
})
