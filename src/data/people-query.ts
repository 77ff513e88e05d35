import { likelyDuplicates, matchesSearch, normaliseName, searchTerms, type PersonKey } from '../domain'
import type { PersonRecord, ReadModel } from './read-model'
import type { PersonRow } from './types'

/**
 * Search-as-you-type over the `people` table's multi-entry `terms` index. Every query word must
 * prefix a word of the name, the postcode or the birth year.
 *
 * The words are looked up rarest first. Each word reads at most `PROBE` ids from the index (one
 * key-only request, no rows); a word that returns fewer is rare, and its ids are complete. The
 * smallest complete set, intersected with the other complete ones, gives the candidates, and only
 * those rows are read and checked against every word. A common long word ("fatima") next to a rare
 * short one ("wou") no longer walks hundreds of rows, which was what made the slow searches. When
 * every word is common ("ma"), nearly every row matches: the first ids of one word are tried, and
 * only if too few of them match every word does the search walk that word's index to the end.
 * At most `limit` rows, sorted by name.
 */
export async function searchPeople(rm: ReadModel, query: string, limit: number): Promise<PersonRow[]> {
  const terms = searchTerms(query)
  if (terms.length === 0 || limit <= 0)
    return []
  const found = await rm.transaction('r', rm.people, async () => {
    // One word: every id its index holds matches, so the first few are the answer.
    const probes = await probeTerms(rm, terms, terms.length === 1 ? limit * 2 : PROBE)
    const rare = probes.filter(p => p.complete)
    const [first, ...others] = rare.length > 0 ? rare : probes
    const candidates = [...first!.ids].filter(id => others.every(p => p.ids.has(id)))
    const rows = await matchingRows(rm, candidates, terms, limit)
    if (rows.length >= limit || rare.length > 0)
      return rows
    return rm.people.where('terms').startsWith(first!.term).distinct()
      .filter(r => matchesSearch(keyOf(r), terms)).limit(limit).toArray()
  })
  return withPending(rm, found.sort(byName))
}

/** How many ids one word may return before it counts as common (and is checked on rows instead). */
const PROBE = 600

interface Probe { term: string, ids: Set<string>, complete: boolean }

/** The first ids of each word, smallest set first; `complete` when the word has no more. */
async function probeTerms(rm: ReadModel, terms: string[], probe: number): Promise<Probe[]> {
  const unique = [...new Set(terms)]
  const keys = await Promise.all(unique.map(term => rm.people.where('terms').startsWith(term).limit(probe).primaryKeys()))
  return unique.map((term, i) => ({ term, ids: new Set(keys[i]), complete: keys[i]!.length < probe }))
    .sort((a, b) => a.ids.size - b.ids.size || b.term.length - a.term.length)
}

/** The candidates' rows that match every word, read a few at a time until `limit` match. */
async function matchingRows(rm: ReadModel, candidates: string[], terms: string[], limit: number): Promise<PersonRecord[]> {
  const found: PersonRecord[] = []
  for (let at = 0; at < candidates.length && found.length < limit; at += limit) {
    for (const r of await rm.people.bulkGet(candidates.slice(at, at + limit))) {
      if (r && found.length < limit && matchesSearch(keyOf(r), terms))
        found.push(r)
    }
  }
  return found
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
