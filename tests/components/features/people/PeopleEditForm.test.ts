import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import SessionsResidentPicker from '../../../../src/features/sessions/SessionsResidentPicker.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makePersonInput } from '../../../factories/person'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)
const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

/** The resident part of the help-session form with Maria Peeters chosen (and Jan Claes also registered). */
async function chosenMaria() {
  const app = setupApp()
  expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
  const anna = useAuthStore().profile!
  const maria = await app.data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters', birthYear: 1951 }), anna, 'arendonk')
  const jan = await app.data.people.create(makePersonInput({ firstName: 'Jan', lastName: 'Claes', birthYear: 1960, postcode: '2370' }), anna, 'arendonk')
  if (!maria.ok || !jan.ok)
    throw new Error('residents not saved')
  const picked: Array<string | null> = []
  const w = app.render(SessionsResidentPicker, { 'personId': maria.value._id, 'anonymous': false, 'municipality': 'arendonk', 'onUpdate:personId': (id: string | null) => picked.push(id) })
  mounted.push(w)
  await eventually(() => w.text(), 'Gekozen: Maria Peeters')
  await button(w, 'Gegevens wijzigen').trigger('click')
  await eventually(() => byLabel(w, 'Achternaam').element.value, 'Peeters')
  return { ...app, w, maria: maria.value, jan: jan.value, picked }
}

const save = async (w: VueWrapper, name = 'Gegevens opslaan') => {
  await button(w, name).trigger('click')
  await flushPromises()
}

describe('changing a resident\'s details at the desk', () => {
  it('fills in the stored details and saves a change with an optional phone number', async () => {
    const { w, data, maria } = await chosenMaria()
    expect(byLabel(w, 'Voornaam').element.value).toBe('Maria')
    expect(byLabel(w, 'Geboortejaar').element.value).toBe('1951')
    expect(w.text()).not.toContain('De bewoner gaat akkoord')
    await byLabel(w, 'Achternaam').setValue('Peeters-Maes')
    await byLabel(w, 'Telefoon').setValue('0470 12 34 56')
    await save(w)
    await eventually(() => w.text(), 'Gekozen: Maria Peeters-Maes')
    expect(await data.people.get(maria._id)).toMatchObject({ lastName: 'Peeters-Maes', phone: '0470 12 34 56', consent: maria.consent, createdBy: 'anna' })
  })

  it('checks the fields like a registration and says what is wrong, saving nothing', async () => {
    const { w, data, maria } = await chosenMaria()
    await byLabel(w, 'Postcode').setValue('23')
    await byLabel(w, 'E-mail').setValue('maria at example')
    await save(w)
    expect(describedError(w, byLabel(w, 'Postcode'))).toBe('Een postcode heeft 4 cijfers.')
    expect(describedError(w, byLabel(w, 'E-mail'))).toBe('Dit lijkt geen e-mailadres.')
    expect((await data.people.get(maria._id))?._rev).toMatch(/^1-/)
  })

  it('warns when the change makes her look like another resident: choose that one, or save anyway', async () => {
    const { w, data, maria, jan, picked } = await chosenMaria()
    await byLabel(w, 'Voornaam').setValue('Jan')
    await byLabel(w, 'Achternaam').setValue('Claes')
    await byLabel(w, 'Geboortejaar').setValue('1960')
    await save(w)
    await eventually(() => w.text(), 'Er is misschien nog een bewoner met deze gegevens.')
    expect((await data.people.get(maria._id))?.firstName).toBe('Maria')
    await button(w, 'Dit is Jan Claes (1960), 2370').trigger('click')
    expect(picked).toEqual([jan._id])

    const again = await chosenMaria()
    await byLabel(again.w, 'Geboortejaar').setValue('1952')
    await save(again.w)
    expect(again.w.text()).not.toContain('Er is misschien nog een bewoner')
    await eventually(() => again.w.text(), 'Gekozen: Maria Peeters')
    expect((await again.data.people.get(again.maria._id))?.birthYear).toBe(1952)
  })
})
