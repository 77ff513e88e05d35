import { afterEach, describe, expect, it } from 'vitest'
import LendingDeviceView from '../../../../src/features/lending/LendingDeviceView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)
const mounted: Array<{ unmount: () => void }> = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

async function devicePage() {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const staff = useAuthStore().profile!
  const { municipality: _m, ...device } = makeDeviceInput()
  await app.data.lending.registerDevice(device, staff)
  await app.data.lending.recordEvent(device.assetTag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
  await app.router.push(`/uitlenen/toestel/${device.assetTag}`)
  await app.router.isReady()
  const w = app.render(LendingDeviceView)
  mounted.push(w)
  return { ...app, w, tag: device.assetTag }
}

const actions = (w: Awaited<ReturnType<typeof devicePage>>['w']) =>
  w.findAll('section[aria-labelledby="dev-actions"] .form__actions button').map(b => b.text())

describe('device page actions', () => {
  it('offers only what the status allows, and records a repair with what, who and the cost', async () => {
    const { w, data, tag } = await devicePage()
    await eventually(() => w.text(), 'Klaar om uit te lenen')
    expect(actions(w)).toEqual(['Naar herstelling sturen', 'Verloren of gestolen', 'Afvoeren'])

    await button(w, 'Naar herstelling sturen').trigger('click')
    await w.find('form[aria-label="Naar herstelling sturen"]').trigger('submit')
    await eventually(() => describedError(w, byLabel(w, 'Wat is er hersteld of kapot')), 'Vul dit in.')
    expect((await data.lending.device(tag))?.device.state.status).toBe('ready')

    await byLabel(w, 'Wat is er hersteld of kapot').setValue('Scharnier gebroken')
    await byLabel(w, 'Wie herstelt').setValue('Repair Café')
    await w.find('form[aria-label="Naar herstelling sturen"]').trigger('submit')
    await eventually(() => w.text(), 'In herstelling')
    expect(actions(w)).toEqual(['Terug van herstelling', 'Verloren of gestolen', 'Afvoeren'])

    await button(w, 'Terug van herstelling').trigger('click')
    await byLabel(w, 'Wat is er hersteld of kapot').setValue('Scharnier vervangen')
    await byLabel(w, 'Wie herstelt').setValue('Repair Café')
    await byLabel(w, 'Kost in euro').setValue('12,50')
    await w.find('form[aria-label="Terug van herstelling"]').trigger('submit')
    await eventually(() => w.text(), 'Scharnier vervangen · door Repair Café · €')
    // The cost in the user's locale (Intl puts a no-break space after the euro sign).
    expect(w.text()).toMatch(/Scharnier vervangen · door Repair Café · €\s12,50/)
    const detail = await data.lending.device(tag)
    expect(detail?.device.state.status).toBe('to-refurbish')
    expect(detail?.events.at(-1)?.details).toMatchObject({ repair: { what: 'Scharnier vervangen', by: 'Repair Café', costCents: 1250 } })
  })

  it('retires a device with a reason, after which nothing more is offered', async () => {
    const { w, data, tag } = await devicePage()
    await eventually(() => w.text(), 'Klaar om uit te lenen')
    await button(w, 'Afvoeren').trigger('click')
    await byLabel(w, 'Waarom afvoeren').setValue('Moederbord defect, herstelling te duur')
    await w.find('form[aria-label="Afvoeren"]').trigger('submit')
    await eventually(() => w.text(), 'Afgevoerd')
    expect(w.find('section[aria-labelledby="dev-actions"]').exists()).toBe(false)
    expect((await data.lending.device(tag))?.device.state.status).toBe('retired')
  })
})
