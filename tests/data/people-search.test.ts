import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DataLayer } from '../../src/data'
import { matchesSearch, searchTerms, type Person } from '../../src/domain'
import { makePeople } from '../factories/person'
import { localDb, newDevice } from './helpers/device'

/*
 * The desk's search over a registry of 5,000 residents, as a pull from the server delivers them:
 * straight into PouchDB, projected from its feed. Correctness is checked against every resident;
 * its speed is measured by `bench/desk-search.ts`, not here.
 */
const QUERIES = ['ma', 'peeters 1', 'jan', 'fatima wou', 'olena', '2380', 'goos', 'van den', 'rik 19', 'el', 'wou fatima', 'mo 2387', 'sofie aerts 1']
let data: DataLayer
let people: Person[]
let close: (() => Promise<void>) | undefined

beforeAll(async () => {
  const device = newDevice()
  data = device.data
  const db = localDb(device.prefix, 'dgb-residents')
  people = makePeople(5000)
  await db.bulkDocs(people)
  const last = people.at(-1)!
  close = async () => {
    await db.close()
    await data.close()
  }
  const deadline = Date.now() + 90_000
  while ((await data.people.search(`${last.firstName} ${last.lastName}`, 5)).length === 0 && Date.now() < deadline)
    await new Promise(resolve => setTimeout(resolve, 200))
}, 120_000)

afterAll(() => close?.())

function everyMatch(query: string): string[] {
  const terms = searchTerms(query)
  return people.filter(p => matchesSearch({ id: p._id, firstName: p.firstName, lastName: p.lastName, postcode: p.postcode, birthYear: p.birthYear }, terms)).map(p => p._id)
}

describe('people.search over 5,000 residents', () => {
  it('returns only residents matching every word, all of them when they fit the limit', async () => {
    for (const query of [...QUERIES, 'fatima wouters 9', 'zz', 'olena 1931']) {
      const expected = everyMatch(query)
      const rows = await data.people.search(query, 20)
      expect(rows.length, query).toBe(Math.min(20, expected.length))
      expect(rows.every(r => expected.includes(r.id)), query).toBe(true)
      if (expected.length <= 20)
        expect(rows.map(r => r.id).sort(), query).toEqual([...expected].sort())
      const names = rows.map(r => `${r.lastName}|${r.firstName}`)
      expect(names, query).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')))
    }
  })
})
