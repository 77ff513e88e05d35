import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../../../src/App.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel } from '../../support/query'

afterEach(closeApps)

async function appAt(path: string, account?: 'anna' | 'carla') {
  const app = setupApp()
  if (account)
    expect(await useAuthStore().signIn(account, `geheim-${account}`)).toBeNull()
  await app.router.push(path)
  await app.router.isReady()
  return { ...app, w: app.render(App) }
}

const rowsText = (w: Awaited<ReturnType<typeof appAt>>['w']) =>
  w.findAll('ul[aria-label="Hulpvragen"] > li').map(li => li.text()).join('\n')

describe('the app shell and the home screen', () => {
  it('sends someone who is not signed in to the sign-in page', async () => {
    const { router, w } = await appAt('/hulpvraag/nieuw')
    expect(router.currentRoute.value.fullPath).toBe('/aanmelden?naar=/hulpvraag/nieuw')
    expect(w.find('h1').text()).toBe('Aanmelden')
    expect(w.find('[role="status"]').exists()).toBe(false)
  })

  it('gives a volunteer the big button and their own sessions, and no review page', async () => {
    const { router, w } = await appAt('/', 'anna')
    expect(button(w, 'Nieuwe hulpvraag').classes()).toContain('button--big')
    expect(w.findAll('h1')).toHaveLength(1)
    // Issue 4: a volunteer's home is the desk's "today" at their location.
    expect(w.text()).toContain('Vandaag nog geen hulpvragen')
    expect(w.text()).toContain('Aangemeld als anna')
    expect(w.findAll('a').map(a => a.text())).not.toContain('Alle hulpvragen')
    await useSessionsStore().create(makeSessionInput({ note: 'Eerste', startedAt: new Date().toISOString() }))
    await eventually(() => w.findAll('ul[aria-label="Hulpvragen vandaag"] > li').map(li => li.text()).join('\n'), 'Eerste')

    await router.push('/overzicht')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('shows a coordinator all sessions, newest first, filtered by location and days', async () => {
    const { w, router } = await appAt('/', 'carla')
    const sessions = useSessionsStore()
    await sessions.create(makeSessionInput({ location: 'loc-arendonk-bib', note: 'Oudste', startedAt: '2025-03-01T09:00:00.000Z' }))
    await sessions.create(makeSessionInput({ location: 'loc-ravels-bib', note: 'Nieuwste', startedAt: '2025-03-20T09:00:00.000Z' }))
    // The home screen keeps the list of all sessions; /overzicht is the review of every record kind.
    await router.push('/')
    await eventually(() => rowsText(w), 'Oudste')
    expect(w.findAll('h2').map(h => h.text())).toContain('Alle hulpvragen')
    expect(rowsText(w).indexOf('Nieuwste')).toBeLessThan(rowsText(w).indexOf('Oudste'))
    expect(rowsText(w)).toContain('door carla')

    await byLabel(w, 'Locatie').setValue('loc-ravels-bib')
    await expect.poll(async () => (await flushPromises(), rowsText(w))).not.toContain('Oudste')
    await byLabel(w, 'Locatie').setValue('')
    await byLabel(w, 'Van').setValue('2025-03-01')
    await byLabel(w, 'Tot').setValue('2025-03-10')
    await expect.poll(async () => (await flushPromises(), rowsText(w))).not.toContain('Nieuwste')
    expect(rowsText(w)).toContain('Oudste')
  })

  it('switches the language, remembers it and sets the page language', async () => {
    const { w } = await appAt('/', 'anna')
    await byLabel(w, 'Taal').setValue('fr')
    expect(button(w, 'Nouvelle demande').exists()).toBe(true)
    expect(document.documentElement.lang).toBe('fr')
    expect(localStorage.getItem('digibalie.locale')).toBe('fr')
    await byLabel(w, 'Langue').setValue('nl')
    expect(document.documentElement.lang).toBe('nl')
    localStorage.clear()
  })

  it('refuses signing out while the volunteer\'s sessions still wait to sync', async () => {
    const { w, router } = await appAt('/', 'anna')
    await useSessionsStore().create(makeSessionInput())
    await eventually(() => w.text(), 'wachten op synchronisatie')
    await button(w, 'Afmelden').trigger('click')
    await eventually(() => w.get('dialog').text(), '1 registratie van jou staat nog niet op de server')
    const dialog = w.get('dialog')
    expect(dialog.findAll('button').map(b => b.text())).toEqual(['Nu synchroniseren', 'Annuleren'])
    await dialog.findAll('button').find(b => b.text() === 'Annuleren')!.trigger('click')
    expect(router.currentRoute.value.path).toBe('/')
    expect(useAuthStore().profile?.name).toBe('anna')
  })
})
