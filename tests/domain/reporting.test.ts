import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countBy, distinctBy, distinctResidents, suppress, tierProgress, type Contact } from '../../src/domain/reporting'

const period = { from: '2026-01-01', to: '2026-12-31' }
const c = (personId: string | undefined, day = '2026-03-01', municipality = 'arendonk', service: Contact['service'] = 'desk'): Contact => ({ personId, day, municipality, service })

describe('distinct residents', () => {
  it('counts each person once across services and ignores anonymous walk-ins', () => {
    const contacts = [c('person:a'), c('person:a', '2026-04-01', 'arendonk', 'class'), c('person:b', '2026-05-01', 'ravels', 'loan'), c(undefined), c(undefined)]
    expect(distinctResidents(contacts, period)).toBe(2)
  })

  it('counts only contacts inside the period, both ends included', () => {
    const contacts = [c('person:a', '2025-12-31'), c('person:b', '2026-01-01'), c('person:c', '2026-12-31'), c('person:d', '2027-01-01')]
    expect(distinctResidents(contacts, period)).toBe(2)
  })

  it('counts a person once per municipality they were helped in', () => {
    const contacts = [c('person:a', '2026-02-01', 'arendonk'), c('person:a', '2026-02-02', 'ravels'), c('person:b', '2026-02-03', 'ravels')]
    expect(Object.fromEntries(distinctBy(contacts, period, x => x.municipality))).toEqual({ arendonk: 1, ravels: 2 })
  })
})

describe('funder tiers', () => {
  it('shows progress to the next tier', () => {
    expect(tierProgress(500)).toEqual({ reached: 500, tier: null, next: 1000, toNext: 0.5 })
    expect(tierProgress(1250)).toEqual({ reached: 1250, tier: 1000, next: 1500, toNext: 0.5 })
    expect(tierProgress(1750)).toEqual({ reached: 1750, tier: 1750, next: null, toNext: 1 })
  })
})

describe('small-cell suppression', () => {
  it('hides counts from 1 to 4 and keeps zero and larger counts', () => {
    const cells = suppress(new Map([['a', 0], ['b', 3], ['c', 4], ['d', 12]]))
    expect(Object.fromEntries(cells)).toEqual({ a: { value: 0 }, b: { suppressed: true }, c: { suppressed: true }, d: { value: 12 } })
  })

  it('hides a second cell when only one is small, so the total cannot reveal it', () => {
    const cells = suppress(new Map([['a', 2], ['b', 9], ['c', 30]]))
    expect(Object.fromEntries(cells)).toEqual({ a: { suppressed: true }, b: { suppressed: true }, c: { value: 30 } })
  })

  it('never publishes a count under the threshold, and never hides exactly one cell (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 12 }), (values) => {
      const cells = suppress(new Map(values.map((v, i) => [`k${i}`, v])))
      const shown = [...cells.values()].filter(x => 'value' in x) as Array<{ value: number }>
      expect(shown.every(x => x.value === 0 || x.value >= 5)).toBe(true)
      const hiddenCount = [...cells.values()].filter(x => 'suppressed' in x).length
      const nonZero = values.filter(v => v > 0).length
      expect(hiddenCount !== 1 || nonZero === 1).toBe(true)
    }))
  })

  it('counts per key including keys with no items, and multi-valued keys', () => {
    const counts = countBy([{ cats: ['itsme', 'email'] }, { cats: ['itsme'] }], x => x.cats, ['itsme', 'email', 'tickets'])
    expect(Object.fromEntries(counts)).toEqual({ itsme: 2, email: 1, tickets: 0 })
  })
})
