import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import SessionsCategoryField from '../../../../src/features/sessions/SessionsCategoryField.vue'
import SettingsDeskView from '../../../../src/features/settings-desk/SettingsDeskView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useDeskConfigStore } from '../../../../src/stores/desk-config'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)
const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

async function coordinatorScreen() {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  await app.router.push('/instellingen/balie')
  await app.router.isReady()
  const w = app.render(SettingsDeskView)
  mounted.push(w)
  return { ...app, w }
}

/** A button by its accessible name (the aria-label that names the room or question). */
function labelled(w: VueWrapper, name: string) {
  const found = w.findAll('button').find(b => b.attributes('aria-label') === name)
  if (!found)
    throw new Error(`no button labelled "${name}"`)
  return found
}

const section = (w: VueWrapper, heading: string) => {
  const found = w.findAll('section').find(s => s.find('h2').text() === heading)
  if (!found)
    throw new Error(`no section "${heading}"`)
  return found
}

describe('the coordinator\'s desk configuration screen', () => {
  it('is only for coordinators: a volunteer going there lands on the home page', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
    await app.router.push('/instellingen/balie')
    expect(app.router.currentRoute.value.path).toBe('/')
  })

  it('lists every room with its municipality and every question, and adds a room that every tablet gets', async () => {
    const { w, data } = await coordinatorScreen()
    const rooms = section(w, 'Digipunten')
    expect(rooms.findAll('li').map(li => li.find('p').text())).toEqual(expect.arrayContaining(['Bibliotheek Arendonk · Arendonk', 'Digipunt Weelde · Ravels']))
    expect(section(w, 'Vragen').findAll('li').map(li => li.find('strong').text())).toEqual(expect.arrayContaining(['itsme', 'Mijn Burgerprofiel', 'Andere']))

    await byLabel(w, 'Gemeente').setValue('ravels')
    const names = w.findAll<HTMLInputElement>('input').filter(i => i.element.closest('[role="group"]')?.getAttribute('aria-label') === 'Nieuw digipunt')
    await names[0]!.setValue('Digipunt Poppel')
    await button(w, 'Digipunt toevoegen').trigger('click')
    await eventually(() => rooms.text(), 'Digipunt Poppel · Ravels')
    await eventually(() => w.text(), 'Digipunt Poppel is opgeslagen. De tablets krijgen het bij de volgende synchronisatie.')
    const config = await data.deskConfig.current()
    expect(config.locations.find(l => l.id === 'loc-ravels-digipunt-poppel')).toEqual({ id: 'loc-ravels-digipunt-poppel', municipality: 'ravels', name: 'Digipunt Poppel', active: true })
    expect(names[0]!.element.value).toBe('')
    await expect.poll(() => data.sync.status().pending).toBeGreaterThan(0)
  })

  it('renames a room in place, focusing the name and then the rename button again', async () => {
    const { w, data } = await coordinatorScreen()
    await labelled(w, 'Naam wijzigen: Bibliotheek Arendonk').trigger('click')
    const field = byLabel(w, 'Naam')
    expect(document.activeElement).toBe(field.element)
    await field.setValue('')
    await button(w, 'Opslaan').trigger('click')
    // Checked against the stored revision, which is read first.
    await expect.poll(async () => {
      await flushPromises()
      return describedError(w, field)
    }).toBe('Vul een naam in.')
    await field.setValue('Bib Arendonk')
    await button(w, 'Opslaan').trigger('click')
    await eventually(() => section(w, 'Digipunten').text(), 'Bib Arendonk · Arendonk')
    expect((await data.deskConfig.current()).locations.find(l => l.id === 'loc-arendonk-bib')?.name).toBe('Bib Arendonk')
    await eventually(() => document.activeElement?.getAttribute('aria-label') ?? '', 'Naam wijzigen: Bib Arendonk')
  })

  it('switches a question off, so the help-session form no longer offers it, and on again', async () => {
    const { w, data, render } = await coordinatorScreen()
    await labelled(w, 'Uitzetten: Tickets').trigger('click')
    await eventually(() => section(w, 'Vragen').text(), 'Tickets · Uitgezet')
    await eventually(() => section(w, 'Vragen').text(), 'Tickets is opgeslagen.')
    expect((await data.deskConfig.current()).categories.find(c => c.id === 'tickets')).toMatchObject({ active: false, name: { nl: 'Tickets', fr: 'Billets', en: 'Tickets' } })

    const form = render(SessionsCategoryField, { modelValue: [], categories: useDeskConfigStore().categories })
    mounted.push(form)
    expect(form.findAll<HTMLInputElement>('input').map(i => i.element.value)).not.toContain('tickets')
    expect(form.findAll<HTMLInputElement>('input').map(i => i.element.value)).toContain('itsme')

    await labelled(w, 'Weer aanzetten: Tickets').trigger('click')
    await expect.poll(async () => (await data.deskConfig.current()).categories.find(c => c.id === 'tickets')?.active).toBe(true)
  })

  it('adds a question at the end, with the languages typed (French, not English)', async () => {
    const { w, data } = await coordinatorScreen()
    await byLabel(w, 'Naam in het Nederlands').setValue('Kinderbijslag')
    await byLabel(w, 'Naam in het Frans').setValue('Allocations familiales')
    await button(w, 'Vraag toevoegen').trigger('click')
    await eventually(() => section(w, 'Vragen').findAll('li').at(-1)?.text() ?? '', 'Kinderbijslag')
    expect((await data.deskConfig.current()).categories.at(-1)).toEqual({ id: 'kinderbijslag', name: { nl: 'Kinderbijslag', fr: 'Allocations familiales' }, active: true, order: 13 })
  })

  it('keeps the last room of a municipality switched on', async () => {
    const { w, data } = await coordinatorScreen()
    await labelled(w, 'Uitzetten: Gemeentehuis Baarle-Hertog').trigger('click')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('Dit is het laatste digipunt van Baarle-Hertog. Zet eerst een ander aan.')
    expect((await data.deskConfig.current()).locations.find(l => l.id === 'loc-baarle-hertog-gh')?.active).toBe(true)
  })
})
