/**
 * A small seeded random generator (mulberry32), so the same seed gives the same Digibank year on
 * every machine, and ULIDs made from it: time part from the record's own timestamp, random part
 * from the seed. Demo data must be reproducible; `Math.random` and the clock would not be.
 */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6D2B79F5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** Some distinct items, between `min` and `max` of them. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = Math.min(items.length, this.int(min, max))
    const pool = [...items]
    const out: T[] = []
    while (out.length < count)
      out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!)
    return out
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A ULID whose time part is `timeMs` and whose random part comes from `rng`. */
export function seededUlid(timeMs: number, rng: Rng): string {
  let time = ''
  let t = timeMs
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time
    t = Math.floor(t / 32)
  }
  let rand = ''
  for (let i = 0; i < 16; i++)
    rand += CROCKFORD[Math.floor(rng.next() * 32)]!
  return time + rand
}
