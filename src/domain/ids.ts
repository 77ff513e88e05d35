import { monotonicFactory } from 'ulidx'

/**
 * Document ids carry their kind and sort by creation time (`session:<ulid>`), so `_all_docs` ranges
 * and the changes feed group records by kind without an index. A monotonic factory keeps ids made
 * in the same millisecond in order.
 */
const nextUlid = monotonicFactory(pooledRandom())

/**
 * Random numbers in [0, 1) for the ulid's 16 random characters, drawn from 256 random bytes fetched
 * at a time: the factory's own source asks the platform for one byte per character (16 calls for
 * every id, on every save's path). `b / 256` keeps each character uniform (256 is a multiple of 32).
 */
function pooledRandom(): () => number {
  // Web Crypto, in browsers and Node alike; the domain is built without either's types.
  const { crypto } = globalThis as unknown as { crypto: { getRandomValues: (bytes: Uint8Array) => Uint8Array } }
  const pool = new Uint8Array(256)
  let next = pool.length
  return () => {
    if (next === pool.length) {
      crypto.getRandomValues(pool)
      next = 0
    }
    return pool[next++]! / 256
  }
}

export type IdKind = 'session' | 'person' | 'device-event' | 'loan' | 'loan-extension' | 'visit' | 'course' | 'course-session'

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${kind}:${nextUlid(now)}`
}

export function idKind(id: string): string {
  const colon = id.indexOf(':')
  return colon === -1 ? '' : id.slice(0, colon)
}
