import { afterEach, describe, expect, it } from 'vitest'
import LendingLoanView from '../../../../src/features/lending/LendingLoanView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeCourseInput } from '../../../factories/course'
import { makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { makePersonInput } from '../../../factories/person'
import { handoverInput } from '../../../data/lending/support'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel } from '../../support/query'

afterEach(closeApps)
const mounted: Array<{ unmount: () => void }> = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

async function loanPage(opts: { classHours?: boolean } = {}) {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const staff = useAuthStore().profile!
  const { municipality: _m, ...device } = makeDeviceInput()
  await app.data.lending.registerDevice(device, staff)
  await app.data.lending.recordEvent(device.assetTag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
  const person = await app.data.people.create(makePersonInput({ firstName: 'Rosa', lastName: 'Verhaegen' }), staff, 'arendonk')
  const personId = person.ok ? person.value._id : ''
  if (opts.classHours) {
    // A class of 2.5 hours the borrower attended, marked by a trainer (here the coordinator).
    const created = await app.data.classes.createCourse(makeCourseInput({ trainers: ['carla'] }), { firstDate: '2026-03-02', count: 1, start: '09:00', end: '11:30' }, staff)
    if (!created.ok)
      throw new Error('course not created')
    await app.data.classes.enrol(created.value.course._id, { id: personId, name: 'Rosa Verhaegen' }, staff)
    expect((await app.data.classes.mark(created.value.sessions[0]!._id, personId, { status: 'aanwezig' }, staff)).ok).toBe(true)
  }
  const loan = await app.data.lending.handOver(handoverInput(device.assetTag, personId), staff)
  if (!loan.ok)
    throw new Error(`no loan: ${JSON.stringify(loan.issues)}`)
  await app.router.push(`/uitlenen/lening/${loan.value._id}`)
  await app.router.isReady()
  const w = app.render(LendingLoanView)
  mounted.push(w)
  return { ...app, w, loan: loan.value }
}

describe('loan page', () => {
  it('records a home-support visit and lists it with the loan', async () => {
    const { w } = await loanPage()
    await eventually(() => w.text(), 'Nog geen bezoek aan huis.')
    await button(w, 'Bezoek registreren').trigger('click')
    await byLabel(w, 'Waarover').setValue('internet')
    await byLabel(w, 'Resultaat').setValue('opgelost')
    await byLabel(w, 'Hoe lang (minuten)').setValue('45')
    await button(w, 'Bezoek opslaan').trigger('click')
    await eventually(() => w.text(), 'Internet en wifi · 45 min · Opgelost')
  })

  it('extends the loan only to a later date, and lists the extension', async () => {
    const { w, data, loan } = await loanPage()
    await eventually(() => w.text(), 'Verlengen tot')
    await byLabel(w, 'Verlengen tot').setValue('2026-06-01')
    await w.find('form[aria-label="Verlengen"]').trigger('submit')
    await eventually(() => w.text(), 'Kies een datum na 10 januari 2027, de huidige einddatum.')
    expect((await data.lending.device(loan.assetTag))?.loans[0]?.extensions).toEqual([])

    await byLabel(w, 'Verlengen tot').setValue('2027-07-10')
    await byLabel(w, 'Reden van verlenging').setValue('Opleiding loopt nog')
    await w.find('form[aria-label="Verlengen"]').trigger('submit')
    await eventually(() => w.text(), 'Verlengd tot 10 juli 2027: Opleiding loopt nog')
    expect((await data.lending.device(loan.assetTag))?.loans[0]?.currentEndDate).toBe('2027-07-10')
  })

  it('shows the training hours the borrower followed, from the roll calls', async () => {
    const { w } = await loanPage({ classHours: true })
    await eventually(() => w.text(), 'In totaal 2,5 uur les gevolgd')
    expect(w.text()).not.toContain('Nog geen lesuren gevolgd.')
  })
})
