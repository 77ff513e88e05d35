/**
 * Recognising a returning resident at any desk. The funder pays per distinct resident, so a
 * duplicate costs twice: once in the count and once in trust. Matching works on normalised names
 * (case, accents and spacing ignored) plus birth year and postcode.
 */
export interface PersonKey {
  id: string
  firstName: string
  lastName: string
  postcode: string
  birthYear?: number | undefined
}

export function normaliseName(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
}

/** Levenshtein distance, bounded: stops counting past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max)
    return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > max)
      return max + 1
    prev = row
  }
  return prev[b.length]!
}

/**
 * A likely duplicate: the same name (or one typo in either part) and nothing that contradicts it:
 * a birth year known on both sides must agree, and when it is unknown the postcode must agree.
 */
export function isLikelySamePerson(a: Omit<PersonKey, 'id'>, b: Omit<PersonKey, 'id'>): boolean {
  const first = editDistance(normaliseName(a.firstName), normaliseName(b.firstName), 1)
  const last = editDistance(normaliseName(a.lastName), normaliseName(b.lastName), 1)
  if (first + last > 1)
    return false
  if (a.birthYear !== undefined && b.birthYear !== undefined)
    return a.birthYear === b.birthYear
  return a.postcode === b.postcode
}

export function likelyDuplicates(candidate: Omit<PersonKey, 'id'>, people: Iterable<PersonKey>): PersonKey[] {
  const found: PersonKey[] = []
  for (const person of people) {
    if (isLikelySamePerson(candidate, person))
      found.push(person)
  }
  return found
}

/**
 * Search-as-you-type: each word of the query must match the start of a name part, a birth year or a
 * postcode. Returns the search terms in normalised form for an index lookup.
 */
export function searchTerms(query: string): string[] {
  return normaliseName(query).split(' ').filter(t => t.length > 0)
}

export function matchesSearch(person: PersonKey, terms: readonly string[]): boolean {
  const words = [...normaliseName(`${person.firstName} ${person.lastName}`).split(' '), person.postcode, person.birthYear === undefined ? '' : String(person.birthYear)]
  return terms.every(term => words.some(word => word.startsWith(term)))
}
