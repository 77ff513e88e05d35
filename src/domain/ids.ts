import { monotonicFactory } from 'ulidx'

/**
 * Document ids carry their kind and sort by creation time (`session:<ulid>`), so `_all_docs` ranges
 * and the changes feed group records by kind without an index. A monotonic factory keeps ids made
 * in the same millisecond in order.
 */
const nextUlid = monotonicFactory()

export type IdKind = 'session' | 'person' | 'device-event' | 'loan' | 'loan-extension' | 'visit' | 'course' | 'course-session'

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${kind}:${nextUlid(now)}`
}

export function idKind(id: string): string {
  const colon = id.indexOf(':')
  return colon === -1 ? '' : id.slice(0, colon)
}
