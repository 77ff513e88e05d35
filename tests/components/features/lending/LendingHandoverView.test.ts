import { afterEach, describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../../src/data/pouch'
import { DB } from '../../../../src/domain'
import LendingHandoverView from '../../../../src/features/lending/LendingHandoverView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { makePerson, makePersonInput } from '../../../factories/person'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)
const mounted: Array<{ unmount: () => void }> = []
// Registered after closeApps, so it runs first: views stop their live queries while the data layer is open.
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

// The handover on the real data layer (fake-indexeddb), offline: the fake server refuses replication.
async function handoverOf(opts: { refurbished: boolean }) {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const staff = useAuthStore().profile!
  const { municipality: _m, ...device } = makeDeviceInput()
  expect((await app.data.lending.registerDevice(device, staff)).ok).toBe(true)
  if (opts.refurbished)
    expect((await app.data.lending.recordEvent(device.assetTag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)).ok).toBe(true)
  await app.router.push(`/uitlenen/uitlenen?toestel=${device.assetTag}`)
  await app.router.isReady()
  const w = app.render(LendingHandoverView)
  mounted.push(w)
  return { ...app, w, tag: device.assetTag, staff }
}

describe('handover', () => {
  it('refuses a device with no refurbishment record: the reason shows and there is nothing to submit', async () => {
    const { w, data, tag } = await handoverOf({ refurbished: false })
    await eventually(() => w.text(), 'Dit toestel is nog niet opgeknapt. Registreer eerst het opknappen.')
    expect(w.find('[role="alert"]').text()).toBe('Dit toestel is nog niet opgeknapt. Registreer eerst het opknappen.')
    expect(w.findAll('button').map(b => b.text())).not.toContain('Uitlenen en overeenkomst opslaan')
    expect((await data.lending.device(tag))?.loans).toEqual([])
  })

  it('finds a resident of the desk registry, asks the phone, and refuses to save without a signature', async () => {
    const { w, data, tag, staff } = await handoverOf({ refurbished: true })
    const person = await data.people.create(makePersonInput({ firstName: 'Rosa', lastName: 'Verhaegen' }), staff, 'arendonk')
    expect(person.ok).toBe(true)
    await eventually(() => w.text(), 'Klaar om uit te lenen')

    await byLabel(w, 'Zoek op naam').setValue('verha')
    await eventually(() => w.text(), 'Kies Rosa Verhaegen (2370)')
    await button(w, 'Kies Rosa Verhaegen (2370)').trigger('click')
    await eventually(() => w.text(), 'Gekozen: Rosa Verhaegen')

    // The phone is required on the handover.
    await w.find('select').setValue('verhoogde-tegemoetkoming')
    await w.find('form').trigger('submit')
    await eventually(() => describedError(w, byLabel(w, 'Telefoon')), 'Vul dit in.')

    await byLabel(w, 'Telefoon').setValue('0470 99 88 77')
    await w.find('form').trigger('submit')
    await eventually(() => w.text(), 'De ontlener moet nog tekenen.')
    expect((await data.lending.device(tag))?.loans).toEqual([])
    // Nothing was saved, not even the phone: it is stored only with the loan.
    expect((await data.people.get(person.ok ? person.value._id : ''))?.phone).toBeUndefined()
  })

  it('follows the registry live: a borrower who arrives by sync after the name was typed shows up without retyping', async () => {
    const { w, prefix, data } = await handoverOf({ refurbished: true })
    await eventually(() => w.text(), 'Klaar om uit te lenen')
    await byLabel(w, 'Zoek op naam').setValue('wouters')
    await eventually(() => w.text(), 'Niemand gevonden.')

    // Pulled from the server into this tablet's PouchDB, then projected into the read model.
    await openLocalDb(prefix, DB.residents).put(makePerson({ firstName: 'Ilse', lastName: 'Wouters', postcode: '2370' }))
    await data.readModel.rebuild()
    await eventually(() => w.text(), 'Kies Ilse Wouters (2370)')
    expect(w.text()).not.toContain('Niemand gevonden.')
  })

  it('registers a new borrower with only name, postcode and consent: no target group', async () => {
    const { w, data } = await handoverOf({ refurbished: true })
    await eventually(() => w.text(), 'Nieuwe ontlener')
    await button(w, 'Nieuwe ontlener').trigger('click')
    await byLabel(w, 'Voornaam').setValue('Noor')
    await byLabel(w, 'Achternaam').setValue('Claes')
    await byLabel(w, 'Postcode').setValue('2370')
    await button(w, 'Ontlener toevoegen').trigger('click')
    await eventually(() => w.text(), 'Zonder akkoord kunnen we de ontlener niet bijhouden.')

    await w.find<HTMLInputElement>('.lending-borrower-new input[type="checkbox"]').setValue(true)
    await button(w, 'Ontlener toevoegen').trigger('click')
    await eventually(() => w.text(), 'Gekozen: Noor Claes')
    const found = await data.people.search('noor claes', 5)
    expect(found.map(r => `${r.firstName} ${r.lastName}`)).toEqual(['Noor Claes'])
    const stored = await data.people.get(found[0]!.id)
    expect(stored).toMatchObject({ targetGroups: [], devicesOwned: [], consent: { given: true } })
    expect(stored?.phone).toBeUndefined()
  })
})
