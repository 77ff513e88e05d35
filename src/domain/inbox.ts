import type { DeviceState } from './device-lifecycle'
import { isLikelySamePerson, normaliseName, type PersonKey } from './person-matching'
import { personalDataKinds, type PersonalDataKind } from './personal-data'

/**
 * The coordinator's "needs attention" inbox: what no rule settled on its own. Each item names the
 * record it is about, so the screen can link to where it is fixed; it never carries a name or the
 * text of a note, only ids and kinds.
 */
export type InboxItem
  = | { type: 'conflict', id: string, db: string, kind: string, revisions: number }
    | { type: 'double-booking', assetTag: string, loans: string[] }
    | { type: 'missing-roll-call', courseId: string, sessionId: string, date: string }
    | { type: 'overdue-loan', loanId: string, assetTag: string, endDate: string }
    | { type: 'duplicate', ids: [string, string] }
    | { type: 'personal-data', id: string, db: string, kinds: PersonalDataKind[] }

export type InboxType = InboxItem['type']

/** The order the inbox shows: what blocks sync or a device first, then counting problems, then hygiene. */
export const INBOX_TYPES: readonly InboxType[] = ['conflict', 'double-booking', 'overdue-loan', 'missing-roll-call', 'duplicate', 'personal-data']

export function inboxKey(item: InboxItem): string {
  switch (item.type) {
    case 'conflict': return `conflict:${item.db}:${item.id}`
    case 'double-booking': return `double-booking:${item.assetTag}`
    case 'missing-roll-call': return `missing-roll-call:${item.sessionId}`
    case 'overdue-loan': return `overdue-loan:${item.loanId}`
    case 'duplicate': return `duplicate:${item.ids[0]}:${item.ids[1]}`
    case 'personal-data': return `personal-data:${item.db}:${item.id}`
  }
}

export function sortInbox(items: readonly InboxItem[]): InboxItem[] {
  const rank = (i: InboxItem) => INBOX_TYPES.indexOf(i.type)
  return [...items].sort((a, b) => rank(a) - rank(b) || (inboxKey(a) < inboxKey(b) ? -1 : 1))
}

/**
 * Pairs of resident records that are likely one person (ids in order). A likely duplicate has at
 * most one typo over first and last name together, so at least one of the two is spelled the same:
 * comparing only within groups of equal first or equal last name finds every pair without
 * comparing thousands of residents with each other.
 */
export function duplicatePairs(people: readonly PersonKey[]): Array<[string, string]> {
  const groups = new Map<string, PersonKey[]>()
  for (const p of people) {
    for (const key of [`f:${normaliseName(p.firstName)}`, `l:${normaliseName(p.lastName)}`])
      groups.set(key, [...(groups.get(key) ?? []), p])
  }
  const pairs = new Map<string, [string, string]>()
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!]
        if (a.id === b.id || !isLikelySamePerson(a, b))
          continue
        const pair: [string, string] = a.id < b.id ? [a.id, b.id] : [b.id, a.id]
        pairs.set(pair.join(' '), pair)
      }
    }
  }
  return [...pairs.values()].sort((x, y) => (x.join() < y.join() ? -1 : 1))
}

/** Notes saved with a national register number, an IBAN or a phone number in them. */
export function personalDataItems(notes: Iterable<{ id: string, db: string, note?: string | undefined }>): InboxItem[] {
  const items: InboxItem[] = []
  for (const n of notes) {
    const kinds = n.note ? personalDataKinds(n.note) : []
    if (kinds.length > 0)
      items.push({ type: 'personal-data', id: n.id, db: n.db, kinds })
  }
  return items
}

/** Devices whose fold shows more than one loan holding them. */
export function doubleBookingItems(devices: Iterable<{ assetTag: string, state: DeviceState }>): InboxItem[] {
  const items: InboxItem[] = []
  for (const d of devices) {
    if (d.state.inConflict)
      items.push({ type: 'double-booking', assetTag: d.assetTag, loans: [...d.state.activeLoans] })
  }
  return items
}
