import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import ClassesParticipantView from '../../../../src/features/classes/ClassesParticipantView.vue'
import PeopleEditForm from '../../../../src/features/people/PeopleEditForm.vue'
import { makePersonInput } from '../../../factories/person'
import { closeApps, eventually } from '../../support/app'
import { carlasCourse } from './course'

afterEach(closeApps)

// A participant's own page on the real data layer (fake-indexeddb), offline.
describe('a participant\'s page', () => {
  it('shows how to reach them and the lessons they followed, with dates, hours and the certificate', async () => {
    const { classes, course, sessions, carla, ...app } = await carlasCourse(3, { title: 'Mijn smartphone' })
    const person = await app.data.people.create(makePersonInput({ firstName: 'An', lastName: 'Peeters', phone: '014 12 34 56' }), carla, 'arendonk')
    if (!person.ok)
      throw new Error('not saved')
    const an = { id: person.value._id, name: 'An Peeters' }
    await classes.enrol(course._id, an)
    await classes.mark(sessions[0]!._id, an.id, { status: 'te-laat' })
    await classes.mark(sessions[1]!._id, an.id, { status: 'afwezig' })

    await app.router.push(`/lessen/deelnemer/${an.id}`)
    await app.router.isReady()
    const w = app.render(ClassesParticipantView)
    await eventually(() => w.text(), 'Lessen gevolgd')
    expect(w.find('h1').text()).toBe('An Peeters')
    expect(w.find('a[href="tel:014 12 34 56"]').exists()).toBe(true)
    const row = () => w.find('[aria-label="Lessen gevolgd"] li').text()
    await eventually(row, 'Mijn smartphone')
    // Late on 2 March counts, absent on 9 March does not.
    expect(row()).toContain('2 mrt 2026 · 1 les')
    expect(row()).toContain('2,5 uur')
    expect(w.find(`a[href="/lessen/${encodeURIComponent(course._id)}/attest/${encodeURIComponent(an.id)}"]`).exists()).toBe(true)

    // A mark given later (or synced in) updates the page by itself.
    await classes.mark(sessions[2]!._id, an.id, { status: 'aanwezig' })
    await eventually(row, '2 lessen')
    expect(row()).toMatch(/2.+16 mrt 2026 · 2 lessen/)
    expect(w.text()).toContain('Samen 5 uur opleiding.')
  })

  it('shows the lessons on the desk\'s resident form, where Enter on the certificate link does not save the form', async () => {
    const { classes, course, sessions, carla, ...app } = await carlasCourse(1, { title: 'Veilig online', end: '10:00' })
    const person = await app.data.people.create(makePersonInput({ firstName: 'Bart', lastName: 'Claes' }), carla, 'arendonk')
    if (!person.ok)
      throw new Error('not saved')
    await classes.enrol(course._id, { id: person.value._id, name: 'Bart Claes' })
    await classes.mark(sessions[0]!._id, person.value._id, { status: 'aanwezig' })

    const w = app.render(PeopleEditForm, { personId: person.value._id })
    await eventually(() => w.text(), 'Veilig online')
    expect(w.text()).toContain('1 uur')
    // The form's own Enter handler prevents the default (following a link) and saves.
    const onLink = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })
    w.find('a[aria-label="Attest: Veilig online"]').element.dispatchEvent(onLink)
    expect(onLink.defaultPrevented).toBe(false)
    await w.find('input').trigger('keydown', { key: 'Enter' })
    await expect.poll(async () => {
      await flushPromises()
      return w.emitted('saved')?.length ?? 0
    }).toBe(1)
  })
})
