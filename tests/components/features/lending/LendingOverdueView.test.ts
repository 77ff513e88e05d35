import { afterEach, describe, expect, it } from 'vitest'
import LendingOverdueView from '../../../../src/features/lending/LendingOverdueView.vue'
import { localDay } from '../../../../src/domain'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { makePersonInput } from '../../../factories/person'
import { handoverInput } from '../../../data/lending/support'
import { closeApps, eventually, setupApp } from '../../support/app'

afterEach(closeApps)
const mounted: Array<{ unmount: () => void }> = []
afterEach(() => mounted.splice(0).forEach(w => w.unmount()))

describe('overdue list', () => {
  it('lists a loan past its end date with the phone given at the handover', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
    const staff = useAuthStore().profile!
    const { municipality: _m, ...device } = makeDeviceInput()
    await app.data.lending.registerDevice(device, staff)
    await app.data.lending.recordEvent(device.assetTag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
    const person = await app.data.people.create(makePersonInput({ firstName: 'Rosa', lastName: 'Verhaegen' }), staff, 'arendonk')
    const personId = person.ok ? person.value._id : ''
    // A loan that ended yesterday, a year after it started.
    const end = new Date()
    end.setDate(end.getDate() - 1)
    const start = new Date(end)
    start.setFullYear(start.getFullYear() - 1)
    const loan = await app.data.lending.handOver(handoverInput(device.assetTag, personId, { startDate: localDay(start), endDate: localDay(end), eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'carla', checkedOn: localDay(start) } }), staff)
    expect(loan.ok).toBe(true)
    expect((await app.data.lending.saveLoanPhone(personId, '0470 99 88 77', staff)).ok).toBe(true)

    await app.router.push('/uitlenen/te-laat')
    await app.router.isReady()
    const w = app.render(LendingOverdueView)
    mounted.push(w)
    await eventually(() => w.text(), 'Rosa Verhaegen')
    expect(w.find('a[href="tel:0470 99 88 77"]').text()).toBe('Bel 0470 99 88 77')
  })
})
