import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../../../src/App.vue'
import SessionsNewView from '../../../../src/features/sessions/SessionsNewView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { byLabel, describedError } from '../../support/query'

afterEach(closeApps)

async function signedInAt(path: string) {
  const app = setupApp()
  expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
  await app.router.push(path)
  await app.router.isReady()
  return app
}

describe('the new help session form', () => {
  it('offers only the rooms of the volunteer\'s municipality, the first one chosen', async () => {
    const { render } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    const location = byLabel(w, 'Locatie')
    expect(location.findAll('option').map(o => o.text())).toEqual(['Bibliotheek Arendonk', 'Sociaal Huis Arendonk'])
    expect(location.element.value).toBe('loc-arendonk-bib')
    expect(byLabel(w, 'Vraag').findAll('option').map(o => o.text())).toContain('Meterstand doorgeven')
    expect(byLabel(w, 'Resultaat').findAll('option').map(o => o.text())).toEqual(['Kies…', 'Opgelost', 'Deels opgelost', 'Niet opgelost', 'Doorverwezen'])
  })

  it('shows an error on a missing duration and saves nothing', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await byLabel(w, 'Vraag').setValue('itsme')
    await byLabel(w, 'Resultaat').setValue('opgelost')
    await w.find('form').trigger('submit')
    await flushPromises()

    const duration = byLabel(w, 'Duur (minuten)')
    expect(duration.attributes('aria-invalid')).toBe('true')
    expect(describedError(w, duration)).toBe('Vul dit in.')
    expect(document.activeElement).toBe(duration.element)
    expect(w.find('[role="alert"]').text()).toContain('Niet opgeslagen')
    expect(await data.sessions.list({})).toEqual([])
  })

  it('counts the note and refuses one that is too long', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await byLabel(w, 'Vraag').setValue('email')
    await byLabel(w, 'Resultaat').setValue('deels')
    await byLabel(w, 'Duur (minuten)').setValue('20')
    const note = byLabel(w, 'Notitie')
    await note.setValue('x'.repeat(501))
    expect(w.text()).toContain('501 van 500 tekens')
    await w.find('form').trigger('submit')
    await flushPromises()

    expect(describedError(w, note)).toBe('Dit is te lang: hoogstens 500 tekens.')
    expect(describedError(w, byLabel(w, 'Duur (minuten)'))).toBe('')
    expect(await data.sessions.list({})).toEqual([])
  })

  it('asks to choose a question and a result when none is chosen', async () => {
    const { render } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await byLabel(w, 'Duur (minuten)').setValue('10')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(describedError(w, byLabel(w, 'Vraag'))).toBe('Kies er een uit de lijst.')
    expect(describedError(w, byLabel(w, 'Resultaat'))).toBe('Kies er een uit de lijst.')
  })

  it('saves through the store into the data layer and shows the session at home as not yet synced', async () => {
    const { render, data, router } = await signedInAt('/hulpvraag/nieuw')
    const w = render(App)
    await eventually(() => w.text(), 'Duur (minuten)')
    await byLabel(w, 'Locatie').setValue('loc-arendonk-sh')
    await byLabel(w, 'Vraag').setValue('doktersafspraak')
    await byLabel(w, 'Resultaat').setValue('doorverwezen')
    await byLabel(w, 'Duur (minuten)').setValue('25')
    await byLabel(w, 'Notitie').setValue('Afspraak bij de huisarts gemaakt')
    await w.find('form').trigger('submit')

    await eventually(() => router.currentRoute.value.path, '/')
    await eventually(() => w.text(), 'De hulpvraag is opgeslagen.')
    await eventually(() => w.find('ul[aria-label="Hulpvragen"]').text(), 'Afspraak bij de huisarts gemaakt')
    // Found only now: the list replaces the empty-state text once the first row arrives.
    const list = w.find('ul[aria-label="Hulpvragen"]')
    expect(list.exists()).toBe(true)
    const row = w.find('ul[aria-label="Hulpvragen"] li')
    expect(row.text()).toContain('Sociaal Huis Arendonk')
    expect(row.text()).toContain('Doktersafspraak')
    expect(row.text()).toContain('Doorverwezen')
    expect(row.text()).toContain('25 min')
    expect(row.text()).toContain('Nog niet gesynchroniseerd')

    const [stored] = await data.sessions.list({ createdBy: 'anna' })
    expect(stored).toMatchObject({ location: 'loc-arendonk-sh', category: 'doktersafspraak', outcome: 'doorverwezen', durationMinutes: 25, createdBy: 'anna', pending: true })
  })

  it('preselects the location used last on this device', async () => {
    const { render } = await signedInAt('/hulpvraag/nieuw')
    const saved = await useSessionsStore().create(makeSessionInput({ location: 'loc-arendonk-sh' }))
    expect(saved.ok).toBe(true)
    expect(localStorage.getItem('digibalie.lastLocation')).toBe('loc-arendonk-sh')
    const w = render(SessionsNewView)
    expect(byLabel(w, 'Locatie').element.value).toBe('loc-arendonk-sh')
    localStorage.clear()
  })
})
