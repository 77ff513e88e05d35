import { likelyDuplicates, matchesSearch, normaliseName, searchTerms, type PersonKey } from '../domain'
import type { PersonRecord, ReadModel } from './read-model'
import type { PersonRow } from './types'

/**
 * Search-as-you-type over the `people` table. The longest query word goes to the multi-entry
 * `terms` index as a prefix (the most selective lookup), and the other words are checked on the
 * rows found. At most `limit` rows, in index order of the matched word, then sorted by name.
 */
export async function searchPeople(rm: ReadModel, query: string, limit: number): Promise<PersonRow[]> {
  const terms = searchTerms(query)
  if (terms.length === 0 || limit <= 0)
    return []
  const longest = terms.reduce((a, b) => (b.length > a.length ? b : a))
  // The scan stops at `limit` matches: with two letters typed, half the registry may match, and
  // reading it all would cost more than a frame. The few rows found are then sorted by name.
  const found = await rm.people.where('terms').startsWith(longest).distinct()
    .filter(r => matchesSearch(keyOf(r), terms)).limit(limit).toArray()
  return withPending(rm, found.sort(byName))
}

/**
 * Residents who are likely the same person as `candidate` (domain rule `likelyDuplicates`). The
 * rule allows one typo in the first or the last name, so candidates are everyone sharing at least
 * one exact name word, which the index finds; the rule then decides.
 */
export async function duplicatesOf(rm: ReadModel, candidate: Omit<PersonKey, 'id'>, excludeId?: string): Promise<PersonRow[]> {
  const words = normaliseName(`${candidate.firstName} ${candidate.lastName}`).split(' ').filter(Boolean)
  if (words.length === 0)
    return []
  const rows = await rm.people.where('terms').anyOf(words).distinct().toArray()
  const byId = new Map(rows.map(r => [r.id, r]))
  const same = likelyDuplicates(candidate, rows.filter(r => r.id !== excludeId).map(keyOf))
  return withPending(rm, same.map(k => byId.get(k.id)!).sort(byName))
}

export async function personRows(rm: ReadModel, ids: readonly string[]): Promise<PersonRow[]> {
  const rows = (await rm.people.bulkGet([...ids])).filter((r): r is PersonRecord => r !== undefined)
  return withPending(rm, rows)
}

function keyOf(r: PersonRecord): PersonKey {
  return { id: r.id, firstName: r.firstName, lastName: r.lastName, postcode: r.postcode, birthYear: r.birthYear }
}

function byName(a: PersonRecord, b: PersonRecord): number {
  return a.lastName.localeCompare(b.lastName, 'nl') || a.firstName.localeCompare(b.firstName, 'nl') || a.id.localeCompare(b.id)
}

async function withPending(rm: ReadModel, rows: PersonRecord[]): Promise<PersonRow[]> {
  const entries = await rm.outbox.bulkGet(rows.map(r => r.id))
  return rows.map((r, i) => ({
    id: r.id,
    firstName: r.firstName,
    lastName: r.lastName,
    postcode: r.postcode,
    ...(r.birthYear === undefined ? {} : { birthYear: r.birthYear }),
    conflicted: r.conflicted,
    pending: entries[i] !== undefined && entries[i].refusedReason === undefined,
  }))
}
