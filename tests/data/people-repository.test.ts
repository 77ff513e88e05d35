import { afterEach, describe, expect, it } from 'vitest'
import { makePerson, makePersonInput } from '../factories/person'
import { closeDevices, device, localDb, volunteer } from './helpers/device'

const vera = volunteer('vera', 'arendonk')
afterEach(closeDevices)

describe('people.create', () => {
  it('stores the resident in the shared registry, pending, and finds them at once', async () => {
    const { data, prefix } = device()
    const result = await data.people.create(makePersonInput({ firstName: 'Zoë', lastName: 'Van den Broeck' }), vera, 'arendonk')
    expect(result.ok).toBe(true)
    if (!result.ok)
      return
    const stored = await localDb(prefix, 'dgb-residents').get(result.value._id)
    expect(stored).toMatchObject({ kind: 'person', municipality: 'arendonk', createdBy: 'vera', firstName: 'Zoë', consent: { given: true } })
    expect(await data.people.search('zoe broe', 10)).toEqual([{
      id: result.value._id, firstName: 'Zoë', lastName: 'Van den Broeck', postcode: '2370', birthYear: 1951, conflicted: false, pending: true,
    }])
    await expect.poll(() => data.sync.status().pending).toBe(1)
  })

  it('refuses a registration without consent, or for a municipality the volunteer does not serve', async () => {
    const { data, prefix } = device()
    const noConsent = await data.people.create(makePersonInput({ consent: false }), vera, 'arendonk')
    expect(noConsent.ok || noConsent.issues.map(i => i.path)).toEqual(['consent.given'])
    const elsewhere = await data.people.create(makePersonInput(), vera, 'ravels')
    expect(elsewhere).toEqual({ ok: false, issues: [{ path: 'municipality', code: 'notAllowed' }] })
    expect((await localDb(prefix, 'dgb-residents').allDocs()).total_rows).toBe(0)
  })
})

describe('people.update and get', () => {
  it('writes a new revision that the search shows, keeping fields other services added', async () => {
    const { data, prefix } = device()
    const db = localDb(prefix, 'dgb-residents')
    const withPhone = { ...makePerson({ staff: 'wim' }), phone: '0470 12 34 56' }
    await db.put(withPhone)
    const changed = await data.people.update(withPhone._id, makePersonInput({ lastName: 'Peeters-Maes' }), vera)
    expect(changed.ok).toBe(true)
    // The revision names vera, who wrote it, so her tablet pushes it; the registration time stays.
    expect(await data.people.get(withPhone._id)).toMatchObject({ lastName: 'Peeters-Maes', phone: '0470 12 34 56', createdBy: 'vera', createdAt: withPhone.createdAt })
    expect((await data.people.search('maes', 5)).map(p => p.lastName)).toEqual(['Peeters-Maes'])
    expect(await data.people.get('person:01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBeNull()
    await db.close()
  })
})

describe('people.search', () => {
  it('matches every word as a prefix of a name part, the postcode or the birth year', async () => {
    const { data } = device()
    for (const input of [
      makePersonInput({ firstName: 'Maria', lastName: 'Peeters', postcode: '2370', birthYear: 1951 }),
      makePersonInput({ firstName: 'Marc', lastName: 'Peeters', postcode: '2320', birthYear: 1980 }),
      makePersonInput({ firstName: 'Jan', lastName: 'Mariën', postcode: '2370', birthYear: undefined }),
    ])
      expect((await data.people.create(input, vera, 'arendonk')).ok).toBe(true)
    const names = async (q: string) => (await data.people.search(q, 10)).map(p => `${p.firstName} ${p.lastName}`)
    expect(await names('mar')).toEqual(['Jan Mariën', 'Marc Peeters', 'Maria Peeters'])
    expect(await names('peeters 1951')).toEqual(['Maria Peeters'])
    expect(await names('MARIEN')).toEqual(['Jan Mariën'])
    expect(await names('pee 2320')).toEqual(['Marc Peeters'])
    expect(await names('   ')).toEqual([])
    expect(await data.people.search('mar', 2)).toHaveLength(2)
  })
})

describe('people.findDuplicates', () => {
  it('warns for the same name with one typo and an agreeing birth year, not for a namesake born elsewhen', async () => {
    const { data } = device()
    const saved = await data.people.create(makePersonInput({ firstName: 'Mohamed', lastName: 'El Amrani', birthYear: 1970 }), vera, 'arendonk')
    await data.people.create(makePersonInput({ firstName: 'Mohamed', lastName: 'El Amrani', birthYear: 1999 }), vera, 'arendonk')
    const found = await data.people.findDuplicates({ firstName: 'Mohammed', lastName: 'el amrani', postcode: '2370', birthYear: 1970 })
    expect(found.map(p => p.id)).toEqual([saved.ok ? saved.value._id : ''])
    expect(await data.people.findDuplicates({ firstName: 'Mohamed', lastName: 'El Amrani', postcode: '2370', birthYear: 1970 }, saved.ok ? saved.value._id : '')).toEqual([])
    expect(await data.people.findDuplicates({ firstName: 'Luc', lastName: 'Claes', postcode: '2370' })).toEqual([])
  })
})
