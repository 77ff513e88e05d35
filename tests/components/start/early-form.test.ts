import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import SessionsNewView from '../../../src/features/sessions/SessionsNewView.vue'
import { keepStartSnapshot, resumeFrom } from '../../../src/start'
import { forgetStartSnapshot, readStartSnapshot, type StartSnapshot } from '../../../src/start-snapshot'
import { useAuthStore } from '../../../src/stores/auth'
import { setDataLayer } from '../../../src/stores/data'
import { useLockStore } from '../../../src/stores/lock'
import { makePersonInput } from '../../factories/person'
import { closeApps, setupApp } from '../support/app'

/*
 * A cold start draws the help-session form from the start snapshot, before the data layer has
 * loaded (src/main.ts). These tests hold the form to being usable then: typed, saved (the save
 * waits for the data layer), and the stored state correcting a snapshot that is out of date.
 */
const ANNA = { name: 'anna', roles: ['volunteer' as const], municipalities: ['arendonk' as const] }
afterEach(async () => {
  await closeApps()
  forgetStartSnapshot()
})

function snapshot(over: Partial<StartSnapshot> = {}): StartSnapshot {
  return { profile: ANNA, identity: ANNA, locked: false, staff: [{ name: 'anna', hasPin: false, blocked: false }], locations: [], categories: [], ...over }
}

/** A tablet whose data layer exists but is not installed yet, as at a cold start. */
function coldTablet() {
  const app = setupApp({ online: false })
  setDataLayer(null)
  return { data: app.data, router: app.router, render: () => app.render(SessionsNewView) }
}

describe('the help-session form at a cold start, before the data layer', () => {
  it('opens from the snapshot with the rooms of the volunteer, and a save pressed then is stored once the data layer arrives', async () => {
    const { data, router, render } = coldTablet()
    resumeFrom(snapshot())
    await router.push('/hulpvraag/nieuw')
    expect(router.currentRoute.value.path).toBe('/hulpvraag/nieuw')
    const w = render()
    expect(w.get('select').findAll('option').map(o => o.text())).toEqual(['Bibliotheek Arendonk', 'Sociaal Huis Arendonk'])
    await w.get('input[type="search"]').setValue('maria')
    await w.findAll('button').find(b => b.text() === 'Anoniem (korte vraag)')!.trigger('click')
    await w.get('input[value="meterstand"]').setValue(true)
    await w.get('input[value="opgelost"]').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    // Still no data layer: the save waits, it is not refused.
    expect(w.get('button[type="submit"]').attributes('aria-busy')).toBe('true')
    setDataLayer(data)
    await expect.poll(() => data.sessions.list({}).then(rows => rows.length)).toBe(1)
    const [row] = await data.sessions.list({})
    expect(row).toMatchObject({ createdBy: 'anna', location: 'loc-arendonk-bib', categories: ['meterstand'] })
    expect(row?.personId).toBeUndefined()
  })

  it('searches a name typed before the data layer arrived once it is there', async () => {
    const { data, render } = coldTablet()
    resumeFrom(snapshot())
    await data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters' }), ANNA, 'arendonk')
    const w = render()
    await w.get('input[type="search"]').setValue('pee')
    await flushPromises()
    expect(w.text()).not.toContain('Maria Peeters')
    setDataLayer(data)
    await expect.poll(async () => {
      await flushPromises()
      return w.text()
    }).toContain('Maria Peeters')
  })

  it('lets the stored state win over a snapshot that is out of date (signed out elsewhere)', async () => {
    const { data } = coldTablet()
    resumeFrom(snapshot())
    const auth = useAuthStore()
    expect(auth.profile?.name).toBe('anna')
    setDataLayer(data)
    await auth.restore()
    // Nobody ever signed in on this simulated tablet: no profile, no sync identity.
    expect(auth.profile).toBeNull()
    expect(auth.identity).toBeNull()
  })

  it('opens nothing without the data layer for a page that is not drawn from the snapshot', async () => {
    const { data, router } = coldTablet()
    resumeFrom(snapshot())
    let done = false
    const navigation = router.push('/instellingen').then(() => {
      done = true
    })
    await flushPromises()
    expect(done).toBe(false)
    setDataLayer(data)
    await navigation
    expect(router.currentRoute.value.path).toBe('/instellingen')
  })
})

describe('the start snapshot', () => {
  it('keeps the profile, the lock, the staff and the rooms in step, with nothing about residents', async () => {
    const { data } = coldTablet()
    setDataLayer(data)
    const stop = keepStartSnapshot()
    const lock = useLockStore()
    lock.locked = true
    const saved = readStartSnapshot()
    expect(saved?.locked).toBe(true)
    expect(saved?.locations.map(l => l.name)).toContain('Bibliotheek Arendonk')
    expect(Object.keys(saved ?? {}).sort()).toEqual(['categories', 'identity', 'locations', 'locked', 'profile', 'staff'])
    stop()
  })

  it('is ignored when it is not of the expected shape', () => {
    localStorage.setItem('digibalie.start.v1', JSON.stringify({ profile: 'anna', locked: 'no' }))
    expect(readStartSnapshot()).toBeNull()
    localStorage.setItem('digibalie.start.v1', '{not json')
    expect(readStartSnapshot()).toBeNull()
  })
})
