import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import App from '../../../../src/App.vue'
import SessionsNewView from '../../../../src/features/sessions/SessionsNewView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makePersonInput } from '../../../factories/person'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)
// Registered after closeApps, so it runs before it: forms stop their timers while the data layer is still there.
const mounted: Array<{ unmount: () => void }> = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

async function signedInAt(path: string) {
  const app = setupApp()
  const render = app.render
  app.render = (...args: Parameters<typeof render>) => {
    const w = render(...args)
    mounted.push(w)
    return w
  }
  expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
  await app.router.push(path)
  await app.router.isReady()
  return app
}

type W = ReturnType<Awaited<ReturnType<typeof signedInAt>>['render']>
const choose = (w: W, value: string) => w.get(`input[value="${value}"]`).setValue(true)
const submit = async (w: W) => {
  await w.find('form').trigger('submit')
  await flushPromises()
}

describe('the new help session form', () => {
  it('offers the rooms of the volunteer\'s municipality, the categories as chips, and "done together" preselected', async () => {
    const { render } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    const location = byLabel(w, 'Locatie')
    expect(location.findAll('option').map(o => o.text())).toEqual(['Bibliotheek Arendonk', 'Sociaal Huis Arendonk'])
    expect(location.element.value).toBe('loc-arendonk-bib')
    const legends = w.findAll('legend').map(l => l.text().replace(/\s*\*$/, ''))
    expect(legends).toEqual(expect.arrayContaining(['Bewoner', 'Vraag', 'Resultaat', 'Hoe geholpen']))
    expect(w.findAll<HTMLInputElement>('input[type="checkbox"]').map(i => i.element.value)).toEqual(expect.arrayContaining(['itsme', 'meterstand', 'andere']))
    expect(w.get<HTMLInputElement>('input[value="samen-gedaan"]').element.checked).toBe(true)
    await eventually(() => String(document.activeElement === byLabel(w, 'Zoek bewoner').element), 'true')
  })

  it('asks for a resident, a question and a result, and saves nothing', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await submit(w)
    expect(w.get('[role="alert"]').text()).toContain('Niet opgeslagen')
    const search = byLabel(w, 'Zoek bewoner')
    expect(describedError(w, search)).toBe('Kies een bewoner, maak een nieuwe aan of kies anoniem.')
    expect(document.activeElement).toBe(search.element)
    expect(w.text()).toContain('Kies er een uit de lijst.')
    expect(await data.sessions.list({})).toEqual([])
  })

  it('finds a returning resident as you type and logs the session for them, timed by the running timer', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const anna = useAuthStore().profile!
    const maria = await data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters', birthYear: 1951 }), anna, 'arendonk')
    await data.people.create(makePersonInput({ firstName: 'Marc', lastName: 'Janssens', birthYear: 1980 }), anna, 'arendonk')
    const w = render(SessionsNewView)
    await byLabel(w, 'Zoek bewoner').setValue('pee')
    await eventually(() => w.find('ul[aria-label="Gevonden bewoners"]').text(), 'Maria Peeters')
    expect(w.get('ul[aria-label="Gevonden bewoners"]').text()).not.toContain('Marc')
    expect(w.get('ul[aria-label="Gevonden bewoners"]').text()).toContain('geboren 1951 · 2370')
    await w.get('ul[aria-label="Gevonden bewoners"] button').trigger('click')
    await eventually(() => w.text(), 'Gekozen: Maria Peeters')
    await choose(w, 'meterstand')
    await choose(w, 'opgelost')
    await submit(w)

    await expect.poll(() => data.sessions.list({})).toHaveLength(1)
    const [row] = await data.sessions.list({})
    expect(row).toMatchObject({ personId: maria.ok ? maria.value._id : '', categories: ['meterstand'], outcome: 'opgelost', helpMode: 'samen-gedaan', durationMinutes: 1, createdBy: 'anna' })
  })

  it('shows a resident who reaches the read model after the volunteer typed, without waiting for the sync indicator', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await byLabel(w, 'Zoek bewoner').setValue('quag 1948')
    await flushPromises()
    expect(w.find('ul[aria-label="Gevonden bewoners"]').exists()).toBe(false)
    // As on a second tablet: her record lands in the read model while the query stands still.
    await data.people.create(makePersonInput({ firstName: 'Yvonne', lastName: 'Quaghebeur', birthYear: 1948 }), useAuthStore().profile!, 'arendonk')
    await eventually(() => w.find('ul[aria-label="Gevonden bewoners"]').text(), 'Yvonne Quaghebeur')
  })

  it('registers a new resident from the search, warning first about a likely duplicate', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const existing = await data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters', birthYear: 1951 }), useAuthStore().profile!, 'arendonk')
    const w = render(SessionsNewView)
    await byLabel(w, 'Zoek bewoner').setValue('Maria Peters')
    await button(w, 'Nieuwe bewoner').trigger('click')
    expect(byLabel(w, 'Voornaam').element.value).toBe('Maria')
    expect(byLabel(w, 'Achternaam').element.value).toBe('Peters')
    await byLabel(w, 'Postcode').setValue('2370')
    await byLabel(w, 'Geboortejaar').setValue('1951')
    await button(w, 'Bewoner opslaan').trigger('click')
    await eventually(() => w.text(), 'Zonder akkoord kunnen we de bewoner niet bijhouden')
    await w.get('.person-new__consent input').setValue(true)
    await button(w, 'Bewoner opslaan').trigger('click')
    await eventually(() => w.text(), 'Deze bewoner bestaat misschien al')
    await button(w, 'Dit is Maria Peeters (1951), 2370').trigger('click')
    await eventually(() => w.text(), 'Gekozen: Maria Peeters')
    expect(await data.people.search('maria', 10)).toHaveLength(1)
    expect(w.vm.$el.ownerDocument.querySelector('[aria-label="Nieuwe bewoner"]')).toBeNull()
    expect(existing.ok).toBe(true)
  })

  it('logs an anonymous walk-in and asks where a referral went', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    await button(w, 'Anoniem (korte vraag)').trigger('click')
    expect(w.text()).toContain('Gekozen: Anonieme bezoeker')
    await choose(w, 'itsme')
    await choose(w, 'doorverwezen')
    await submit(w)
    expect(describedError(w, byLabel(w, 'Doorverwezen naar'))).toBe('Kies er een uit de lijst.')
    await byLabel(w, 'Doorverwezen naar').setValue('vdab')
    await byLabel(w, 'Duur (minuten)').setValue('20')
    await submit(w)
    await expect.poll(() => data.sessions.list({})).toHaveLength(1)
    expect((await data.sessions.list({}))[0]).toMatchObject({ outcome: 'doorverwezen', referral: 'vdab', durationMinutes: 20 })
    expect((await data.sessions.list({}))[0]!.personId).toBeUndefined()
  })

  it('warns while typing a note that looks like personal data', async () => {
    const { render } = await signedInAt('/hulpvraag/nieuw')
    const w = render(SessionsNewView)
    const note = byLabel(w, 'Notitie')
    await note.setValue('Meterstand 4521 doorgegeven')
    expect(w.text()).not.toContain('Let op')
    await note.setValue('Bel terug op 0470 12 34 56')
    expect(w.text()).toContain('Let op: dit lijkt op een telefoonnummer.')
    expect(note.attributes('aria-describedby')).toBeTruthy()
  })

  it('keeps a draft while typing and offers it back after the page is gone', async () => {
    const { render, data } = await signedInAt('/hulpvraag/nieuw')
    const first = render(SessionsNewView)
    await button(first, 'Anoniem (korte vraag)').trigger('click')
    await choose(first, 'tickets')
    await byLabel(first, 'Notitie').setValue('Treinticket naar Gent')
    await expect.poll(async () => (await data.drafts.get('session-new:anna'))?.values).toMatchObject({ note: 'Treinticket naar Gent', anonymous: true, categories: ['tickets'] })
    first.unmount()
    mounted.splice(mounted.indexOf(first), 1)

    const again = render(SessionsNewView)
    await eventually(() => again.text(), 'Je hebt een hulpvraag die nog niet af is')
    expect(byLabel(again, 'Notitie').element.value).toBe('')
    await button(again, 'Verder invullen').trigger('click')
    expect(byLabel(again, 'Notitie').element.value).toBe('Treinticket naar Gent')
    expect(again.get<HTMLInputElement>('input[value="tickets"]').element.checked).toBe(true)
    await choose(again, 'opgelost')
    await submit(again)
    await expect.poll(() => data.drafts.get('session-new:anna')).toBeNull()
    expect(await data.sessions.list({})).toHaveLength(1)
  })

  it('throws a draft away on request, and saves through the store to show the session today, not yet synced', async () => {
    const { render, data, router } = await signedInAt('/hulpvraag/nieuw')
    await data.drafts.save('session-new:anna', 'anna', { note: 'oud' })
    const w = render(App)
    await eventually(() => w.text(), 'Je hebt een hulpvraag die nog niet af is')
    await button(w, 'Weggooien').trigger('click')
    await expect.poll(() => data.drafts.get('session-new:anna')).toBeNull()
    await byLabel(w, 'Locatie').setValue('loc-arendonk-sh')
    await button(w, 'Anoniem (korte vraag)').trigger('click')
    await choose(w, 'doktersafspraak')
    await choose(w, 'deels')
    await byLabel(w, 'Notitie').setValue('Afspraak bij de huisarts gemaakt')
    await w.find('form').trigger('submit')

    await eventually(() => router.currentRoute.value.path, '/')
    await eventually(() => w.text(), 'De hulpvraag is opgeslagen.')
    await eventually(() => w.find('ul[aria-label="Hulpvragen vandaag"]').text(), 'Afspraak bij de huisarts gemaakt')
    const row = w.get('ul[aria-label="Hulpvragen vandaag"] li')
    expect(row.text()).toContain('Sociaal Huis Arendonk')
    expect(row.text()).toContain('Doktersafspraak')
    expect(row.text()).toContain('Anoniem')
    expect(row.text()).toContain('Nog niet gesynchroniseerd')
    expect(w.text()).toContain('Vandaag 1 hulpvraag')
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
