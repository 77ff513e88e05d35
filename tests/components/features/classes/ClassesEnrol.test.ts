import { afterEach, describe, expect, it } from 'vitest'
import ClassesEnrol from '../../../../src/features/classes/ClassesEnrol.vue'
import type { CourseDetail } from '../../../../src/stores/classes'
import { makePersonInput } from '../../../factories/person'
import { closeApps, eventually } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'
import { carlasCourse } from './course'

afterEach(closeApps)

// Enrolment on the real data layer (fake-indexeddb), offline, as the coordinator Carla.
async function enrolDialog() {
  const { classes, course, ...app } = await carlasCourse()
  const courseId = course._id
  const w = app.render(ClassesEnrol, { courseId, municipality: 'arendonk' })
  await button(w, 'Deelnemer inschrijven').trigger('click')
  let detail: CourseDetail | null = null
  const stop = classes.watchCourse(courseId, d => detail = d)
  const enrolled = () => (detail as CourseDetail | null)?.participants.map(p => p.name).join(', ') ?? ''
  return { ...app, w, courseId, enrolled, stop }
}

describe('enrolling a participant', () => {
  it('finds a resident registered after the trainer typed, without another key press', async () => {
    const { w, data, carla, stop } = await enrolDialog()
    await byLabel(w, 'Zoek een inwoner').setValue('Verstraeten')
    await eventually(() => w.text(), 'Nieuwe inwoner')
    expect(w.text()).not.toContain('Lieve Verstraeten')
    // As a registration pulled from another tablet: the search answers again by itself.
    await data.people.create(makePersonInput({ firstName: 'Lieve', lastName: 'Verstraeten', phone: '014 12 34 56' }), carla, 'arendonk')
    await eventually(() => w.text(), 'Lieve Verstraeten')
    stop()
  })

  it('asks a phone or e-mail when the registration has neither, with plain Dutch errors, and stores it on the resident', async () => {
    const { w, data, carla, enrolled, stop } = await enrolDialog()
    const maria = await data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters', address: 'Markt 1' }), carla, 'arendonk')
    if (!maria.ok)
      throw new Error('resident not saved')
    await byLabel(w, 'Zoek een inwoner').setValue('Peeters')
    await eventually(() => w.text(), 'Maria Peeters')
    await w.find('button[aria-label="Inschrijven: Maria Peeters"]').trigger('click')
    await eventually(() => w.text(), 'Hoe kunnen we Maria Peeters bereiken?')

    await button(w, 'Opslaan en inschrijven').trigger('click')
    await eventually(() => describedError(w, byLabel(w, 'Telefoonnummer')), 'Vul een telefoonnummer of een e-mailadres in')
    await byLabel(w, 'Telefoonnummer').setValue('12')
    await button(w, 'Opslaan en inschrijven').trigger('click')
    await eventually(() => describedError(w, byLabel(w, 'Telefoonnummer')), 'Dit lijkt geen telefoonnummer.')
    expect(enrolled()).toBe('')

    await byLabel(w, 'Telefoonnummer').setValue('0470 12 34 56')
    await button(w, 'Opslaan en inschrijven').trigger('click')
    await eventually(enrolled, 'Maria Peeters')
    // Only the phone is added; what the desk stored stays.
    expect(await data.people.get(maria.value._id)).toMatchObject({ phone: '0470 12 34 56', address: 'Markt 1', firstName: 'Maria' })
    expect((await data.people.get(maria.value._id))?.email).toBeUndefined()
    stop()
  })

  it('enrols a resident who already has an e-mail address at once', async () => {
    const { w, data, carla, enrolled, stop } = await enrolDialog()
    await data.people.create(makePersonInput({ firstName: 'Jan', lastName: 'Claes', email: 'jan@example.be' }), carla, 'arendonk')
    await byLabel(w, 'Zoek een inwoner').setValue('Claes')
    await eventually(() => w.text(), 'Jan Claes')
    await w.find('button[aria-label="Inschrijven: Jan Claes"]').trigger('click')
    await eventually(enrolled, 'Jan Claes')
    expect(w.text()).not.toContain('bereiken?')
    stop()
  })

  it('registers a new resident only with a way to reach them', async () => {
    const { w, data, enrolled, stop } = await enrolDialog()
    await byLabel(w, 'Voornaam').setValue('Els')
    await byLabel(w, 'Achternaam').setValue('Wouters')
    await byLabel(w, 'Postcode').setValue('2370')
    await w.find('input[type="checkbox"]').setValue(true)
    await button(w, 'Toevoegen').trigger('click')
    await eventually(() => describedError(w, byLabel(w, 'Telefoonnummer')), 'Vul een telefoonnummer of een e-mailadres in')
    await byLabel(w, 'E-mailadres').setValue('els@example.be')
    await button(w, 'Toevoegen').trigger('click')
    await eventually(enrolled, 'Els Wouters')
    const [row] = await data.people.search('Wouters', 1)
    expect(await data.people.get(row!.id)).toMatchObject({ email: 'els@example.be' })
    stop()
  })
})
