import { afterEach, describe, expect, it } from 'vitest'
import { DB, newId } from '../../../src/domain'
import type { DataLayer } from '../../../src/data'
import { makePersonInput } from '../../factories/person'
import { localDb, newDevice } from '../helpers/device'
import { lender } from './support'

const open: DataLayer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(d => d.close()))
})

describe('borrowers: residents of the desk registry with the phone a loan needs', () => {
  it('adds the phone to the registration and changes nothing else; the same number writes no revision', async () => {
    const { data, prefix } = newDevice()
    open.push(data)
    const staff = lender()
    const created = await data.people.create(makePersonInput({ targetGroups: [], devicesOwned: [] }), staff, 'arendonk')
    expect(created.ok).toBe(true)
    const id = created.ok ? created.value._id : ''

    const saved = await data.lending.saveLoanPhone(id, '0470 12 34 56', staff)
    expect(saved.ok).toBe(true)
    const person = await data.people.get(id)
    expect(person).toMatchObject({ phone: '0470 12 34 56', targetGroups: [], devicesOwned: [] })
    const rev = person?._rev

    expect((await data.lending.saveLoanPhone(id, '0470 12 34 56', staff)).ok).toBe(true)
    expect((await localDb(prefix, DB.residents).get(id))._rev).toBe(rev)
  })

  it('refuses a malformed phone and an unknown resident, writing nothing', async () => {
    const { data } = newDevice()
    open.push(data)
    const staff = lender()
    const created = await data.people.create(makePersonInput(), staff, 'arendonk')
    const id = created.ok ? created.value._id : ''
    expect(await data.lending.saveLoanPhone(id, 'morgen', staff)).toEqual({ ok: false, issues: [{ path: 'phone', code: 'invalidPhone' }] })
    expect((await data.people.get(id))?.phone).toBeUndefined()
    expect(await data.lending.saveLoanPhone(newId('person'), '0470 12 34 56', staff)).toEqual({ ok: false, issues: [{ path: 'personId', code: 'notFound' }] })
  })
})
