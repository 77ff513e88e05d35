import { describe, expect, it } from 'vitest'
import { idKind, newId } from '../../src/domain/ids'

/** Crockford's base 32, the alphabet of a ulid. */
const BASE32 = /^[0-9A-HJKMNP-TV-Z]{26}$/

describe('new document ids', () => {
  it('carry their kind and a ulid, and sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 1_000 }, (_, i) => newId('session', 1_700_000_000_000 + Math.floor(i / 100)))

    expect(ids.every(id => idKind(id) === 'session' && BASE32.test(id.slice('session:'.length)))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })

  it('draw every character of the random part about equally often', () => {
    const seen = new Map<string, number>()
    // One id per millisecond, each with fresh randomness: 16 random characters, 2,000 ids.
    for (let i = 0; i < 2_000; i++) {
      for (const c of newId('person', 1_800_000_000_000 + i * 7).slice(-16))
        seen.set(c, (seen.get(c) ?? 0) + 1)
    }

    // 32,000 draws over 32 characters: 1,000 each on average; a biased source (a character
    // never drawn, or one drawn twice as often) falls far outside 800–1,200.
    expect(seen.size).toBe(32)
    expect(Math.min(...seen.values())).toBeGreaterThan(800)
    expect(Math.max(...seen.values())).toBeLessThan(1_200)
  })
})
