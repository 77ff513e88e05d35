import { describe, expect, it } from 'vitest'
import { doubleBookingItems, duplicatePairs, isLikelySamePerson, foldDeviceEvents, inboxKey, personalDataItems, sortInbox, type InboxItem } from '../../src/domain'

const p = (id: string, firstName: string, lastName: string, birthYear?: number, postcode = '2370') => ({ id, firstName, lastName, postcode, birthYear })

describe('likely duplicate residents', () => {
  it('pairs a typo in either name part, and only people nothing tells apart', () => {
    const people = [
      p('person:1', 'Maria', 'Peeters', 1951),
      p('person:2', 'Maria', 'Peeters', 1951),
      p('person:3', 'Maria', 'Peters', 1951),
      p('person:4', 'Maria', 'Peeters', 1980),
      p('person:5', 'Jan', 'Janssens'),
      p('person:6', 'Jan', 'Janssen'),
      p('person:7', 'Piet', 'Smet'),
    ]
    expect(duplicatePairs(people)).toEqual([['person:1', 'person:2'], ['person:1', 'person:3'], ['person:2', 'person:3'], ['person:5', 'person:6']])
  })

  it('finds the same pairs as comparing everyone with everyone', () => {
    const names = ['Maria', 'Jan', 'Els', 'Luc', 'Anna', 'Piet', 'Mia', 'Tom']
    const people = Array.from({ length: 600 }, (_, i) => p(`person:${String(i).padStart(4, '0')}`, names[i % names.length]!, `Naam${(i * 7919) % 450}`, 1940 + (i % 50)))
    const found = duplicatePairs(people)
    const brute: Array<[string, string]> = []
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        if (isLikelySamePerson(people[i]!, people[j]!))
          brute.push([people[i]!.id, people[j]!.id])
      }
    }
    expect(found).toEqual(brute.sort((x, y) => (x.join() < y.join() ? -1 : 1)))
    expect(found.length).toBeGreaterThan(0)
  })
})

describe('inbox items', () => {
  it('flags notes with personal data, naming only the kinds found', () => {
    const items = personalDataItems([
      { id: 'session:1', db: 'dgb-m-arendonk', note: 'Bel terug op 0470 12 34 56' },
      { id: 'session:2', db: 'dgb-m-arendonk', note: 'Meterstand 12345 doorgegeven' },
      { id: 'session:3', db: 'dgb-m-arendonk' },
    ])
    expect(items).toEqual([{ type: 'personal-data', id: 'session:1', db: 'dgb-m-arendonk', kinds: ['phone'] }])
  })

  it('flags a device held by two loans', () => {
    const state = foldDeviceEvents([
      { id: 'e1', type: 'intake', at: '2026-01-01T08:00:00Z' },
      { id: 'e2', type: 'refurbished', at: '2026-01-02T08:00:00Z' },
      { id: 'e3', type: 'handed-out', at: '2026-01-03T08:00:00Z', loanId: 'loan:a' },
      { id: 'e4', type: 'handed-out', at: '2026-01-03T09:00:00Z', loanId: 'loan:b' },
    ])
    expect(doubleBookingItems([{ assetTag: 'DB-001', state }, { assetTag: 'DB-002', state: foldDeviceEvents([]) }]))
      .toEqual([{ type: 'double-booking', assetTag: 'DB-001', loans: ['loan:a', 'loan:b'] }])
  })

  it('sorts conflicts first and gives every item a stable key', () => {
    const items: InboxItem[] = [
      { type: 'personal-data', id: 's', db: 'd', kinds: ['iban'] },
      { type: 'overdue-loan', loanId: 'loan:1', assetTag: 'A', endDate: '2026-01-01' },
      { type: 'conflict', id: 'session:1', db: 'dgb-m-ravels', kind: 'help-session', revisions: 2 },
    ]
    expect(sortInbox(items).map(i => i.type)).toEqual(['conflict', 'overdue-loan', 'personal-data'])
    expect(new Set(items.map(inboxKey)).size).toBe(3)
  })
})
