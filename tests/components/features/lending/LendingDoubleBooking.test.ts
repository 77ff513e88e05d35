import { afterEach, describe, expect, it } from 'vitest'
import { openLocalDb } from '../../../../src/data/pouch'
import { DB, newId } from '../../../../src/domain'
import LendingDeviceView from '../../../../src/features/lending/LendingDeviceView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { makeDeviceEvent, makeDeviceInput, makeRefurbishment } from '../../../factories/device'
import { makeLoan } from '../../../factories/loan'
import { handoverInput } from '../../../data/lending/support'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button } from '../../support/query'

afterEach(closeApps)

/** A device page of a device lent here and, offline, on another tablet whose handover has synced in. */
async function doubleBookedPage(account: 'carla' | 'anna' = 'carla') {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const staff = useAuthStore().profile!
  const { municipality: _m, ...input } = makeDeviceInput()
  const tag = input.assetTag
  await app.data.lending.registerDevice(input, staff)
  await app.data.lending.recordEvent(tag, { type: 'refurbished', refurbishment: makeRefurbishment() }, staff)
  const here = await app.data.lending.handOver(handoverInput(tag, newId('person')), staff)
  const refurbishmentId = (await app.data.lending.device(tag))!.events.find(e => e.type === 'refurbished')!.id
  const there = makeLoan({ assetTag: tag, refurbishmentId, staff: 'lars', now: new Date().toISOString() })
  const synced: Array<{ _id: string }> = [there, makeDeviceEvent(tag, 'handed-out', { loanId: there._id, refurbishmentId }, { staff: 'lars', at: new Date().toISOString() })]
  await openLocalDb(app.prefix, DB.lending).bulkDocs(synced)
  await app.data.readModel.rebuild()
  if (account !== 'carla') {
    await useAuthStore().signOut()
    expect(await useAuthStore().signIn(account, `geheim-${account}`)).toBeNull()
  }
  await app.router.push(`/uitlenen/toestel/${tag}`)
  const w = app.render(LendingDeviceView)
  return { ...app, w, tag, here: here.ok ? here.value._id : '', there: there._id }
}

describe('a double booking on the device page', () => {
  it('lets a coordinator keep one loan: the other is cancelled and the device leaves "in conflict"', async () => {
    const { w, data, tag, there, here } = await doubleBookedPage()
    await eventually(() => w.text(), 'Welke uitlening blijft?')
    const choices = w.findAll('input[name="kept-loan"]')
    expect(choices).toHaveLength(2)
    expect(w.findAll('.lending-checks__item').map(l => l.text()).join('\n')).toMatch(/uitgeleend door lars/)

    await button(w, 'Deze uitlening behouden').trigger('click')
    await w.find('section[aria-labelledby="dev-double"] form').trigger('submit')
    await eventually(() => w.find('[role="alert"]').text(), 'Kies de uitlening die blijft.')

    await choices.find(c => (c.element as HTMLInputElement).value === there)!.setValue(true)
    await w.find('section[aria-labelledby="dev-double"] form').trigger('submit')
    await expect.poll(async () => (await data.lending.device(tag))?.device.state.inConflict).toBe(false)
    await expect.poll(() => w.find('section[aria-labelledby="dev-double"]').exists()).toBe(false)
    await eventually(() => w.text(), 'Uitlening geannuleerd')
    const detail = (await data.lending.device(tag))!
    expect(detail.device.state.activeLoans).toEqual([there])
    expect(detail.loans.find(l => l.id === here)?.cancelled).toBe(true)
  })

  it('shows other staff both loans and that a coordinator decides, with nothing to pick', async () => {
    const { w } = await doubleBookedPage('anna')
    await eventually(() => w.text(), 'Een coördinator kiest welke uitlening blijft.')
    expect(w.findAll('input[name="kept-loan"]')).toHaveLength(0)
    expect(w.findAll('section[aria-labelledby="dev-double"] li')).toHaveLength(2)
  })
})
