import { afterEach, describe, expect, it } from 'vitest'
import SettingsTablet from '../../../../src/features/settings/SettingsTablet.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { closeApps, eventually, setupApp } from '../../support/app'
import { byLabel } from '../../support/query'

afterEach(closeApps)

describe('this tablet\'s name and room', () => {
  it('lets the staff on the tablet name it and choose one of their rooms, which becomes the desk default', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
    const w = app.render(SettingsTablet)
    await eventually(() => w.text(), 'Deze tablet')
    const rooms = byLabel(w, 'Locatie van deze tablet')
    const offered = rooms.findAll('option').map(o => o.text())
    // Anna works in Arendonk: she is offered its rooms only.
    expect(offered).toContain('Bibliotheek Arendonk (Arendonk)')
    expect(offered.some(o => o.includes('Ravels'))).toBe(false)

    await byLabel(w, 'Naam van deze tablet').setValue('Bib Arendonk 2')
    await rooms.setValue('loc-arendonk-bib')
    await w.find('form').trigger('submit')
    await eventually(() => w.find('[role="status"]').text(), 'Deze tablet heet nu Bib Arendonk 2 en staat in Bibliotheek Arendonk.')
    const tablet = await app.data.device.tablet()
    expect(tablet).toMatchObject({ name: 'Bib Arendonk 2', location: 'loc-arendonk-bib' })
    expect(tablet.id).toMatch(/^tablet-[0-9a-f]{24}$/)
    expect(useSessionsStore().lastLocation).toBe('loc-arendonk-bib')
  })

  it('shows what the tablet was given before', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
    await app.data.device.enrolTablet('Sociaal Huis', 'loc-arendonk-sh')
    const w = app.render(SettingsTablet)
    await expect.poll(() => (byLabel(w, 'Naam van deze tablet').element as HTMLInputElement).value).toBe('Sociaal Huis')
    expect(byLabel(w, 'Locatie van deze tablet').element.value).toBe('loc-arendonk-sh')
  })
})
