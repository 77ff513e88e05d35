import { afterEach, describe, expect, it, vi } from 'vitest'
import { addMonths, localDay } from '../../../../src/domain'
import LendingHandoverView from '../../../../src/features/lending/LendingHandoverView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { closeApps, setupApp } from '../../support/app'
import { byLabel } from '../../support/query'

const mounted: Array<{ unmount: () => void }> = []
afterEach(closeApps)
// Registered after closeApps, so it runs first: views stop their live queries while the data layer is open.
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

/** A handover form for a refurbished device, after the coordinator saved these settings (or none). */
async function handover(settings?: Parameters<ReturnType<typeof setupApp>['data']['settings']['save']>[0]) {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const staff = useAuthStore().profile!
  if (settings)
    expect((await app.data.settings.save(settings, staff)).ok).toBe(true)
  const { municipality: _m, ...device } = makeDeviceInput()
  expect((await app.data.lending.registerDevice(device, staff)).ok).toBe(true)
  expect((await app.data.lending.recordEvent(device.assetTag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)).ok).toBe(true)
  await app.router.push(`/uitlenen/uitlenen?toestel=${device.assetTag}`)
  await app.router.isReady()
  const w = app.render(LendingHandoverView)
  mounted.push(w)
  await vi.waitFor(() => expect(w.text()).toContain('Klaar om uit te lenen'))
  return { ...app, w }
}

describe('the handover follows the coordinators\' settings', () => {
  it('offers 12 months and the app\'s own agreement text while none are set', async () => {
    const { w } = await handover()
    expect(byLabel(w, 'Tot').element.value).toBe(addMonths(localDay(new Date()), 12))
    expect(byLabel(w, 'Overeenkomst').element.value).toContain('De ontlener krijgt het toestel')
  })

  it('offers the fixed end date and the coordinators\' text, in the language of the screen', async () => {
    const until = addMonths(localDay(new Date()), 7)
    const { w, i18n } = await handover({ idleMinutes: 5, loanPeriod: { type: 'until', until }, agreement: { nl: 'Eigen tekst van de Digibank.', fr: 'Texte propre de la Digibank.' } })
    await vi.waitFor(() => expect(byLabel(w, 'Tot').element.value).toBe(until))
    expect(byLabel(w, 'Overeenkomst').element.value).toBe('Eigen tekst van de Digibank.')
    i18n.global.locale.value = 'fr'
    await vi.waitFor(() => expect(w.find('textarea').element.value).toBe('Texte propre de la Digibank.'))
  })
})
