import { buildPerson, newId, type Person, type PersonInput } from '../../src/domain'

export interface PersonOverrides extends Partial<PersonInput> {
  /** The desk's municipality (default `arendonk`). */
  municipality?: string
  staff?: string
  id?: string
  now?: string
}

let counter = 0

/** What the desk's "new resident" form holds: valid by default, a senior from Arendonk. */
export function makePersonInput(overrides: Partial<PersonInput> = {}): PersonInput {
  return {
    firstName: 'Maria',
    lastName: 'Peeters',
    postcode: '2370',
    birthYear: 1951,
    targetGroups: ['senior'],
    devicesOwned: ['smartphone'],
    consent: true,
    ...overrides,
  }
}

/**
 * A valid person document built the way the app builds one (`buildPerson`), so it passes the
 * server's write rules. Throws if the overrides make it invalid.
 */
export function makePerson(overrides: PersonOverrides = {}): Person {
  counter += 1
  const { municipality = 'arendonk', staff = 'vera', id, now, ...input } = overrides
  const at = new Date(Date.UTC(2025, 2, 10, 8, 0) + counter * 60_000)
  const result = buildPerson(makePersonInput(input), municipality, { id: id ?? newId('person', at.getTime()), staff, now: now ?? at.toISOString() })
  if (!result.ok)
    throw new Error(`makePerson: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}

const FIRST = ['Maria', 'Jan', 'Els', 'Luc', 'Fatima', 'Mohamed', 'Ann', 'Jef', 'Olena', 'Rik', 'Sofie', 'Ahmet']
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Van den Broeck', 'Aerts']

/** `count` distinct residents with varied names, postcodes and birth years (index woven into the surname). */
export function makePeople(count: number, overrides: PersonOverrides = {}): Person[] {
  return Array.from({ length: count }, (_, i) => makePerson({
    firstName: FIRST[i % FIRST.length]!,
    lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]!} ${i}`,
    postcode: ['2370', '2320', '2330', '2380', '2310', '2387'][i % 6]!,
    birthYear: 1930 + (i % 80),
    ...overrides,
  }))
}
