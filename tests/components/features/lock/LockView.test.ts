import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import App from '../../../../src/App.vue'
import { profileFromCtx } from '../../../../src/domain'
import { createAppRouter } from '../../../../src/router'
import { useAuthStore } from '../../../../src/stores/auth'
import { useDataLayer } from '../../../../src/stores/data'
import { useLockStore } from '../../../../src/stores/lock'
import { useSyncStore } from '../../../../src/stores/sync'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel } from '../../support/query'

// PINs are hashed with the real 600,000 PBKDF2 rounds; on a busy 2-core runner that takes seconds.
vi.setConfig({ testTimeout: 20_000 })

afterEach(async () => {
  vi.useRealTimers()
  await closeApps()
})

/** A tablet where carla and then anna signed in online; both set a PIN. */
async function sharedTablet() {
  const app = setupApp()
  const auth = useAuthStore()
  expect(await auth.signIn('carla', 'geheim-carla')).toBeNull()
  expect(await useDataLayer().device.setPin('carla', '4826')).toBeNull()
  expect(await auth.signIn('anna', 'geheim-anna')).toBeNull()
  expect(await useDataLayer().device.setPin('anna', '2580')).toBeNull()
  await useLockStore().refreshStaff()
  await app.router.push('/')
  await app.router.isReady()
  return { ...app, w: app.render(App) }
}

const path = (app: { router: { currentRoute: { value: { path: string } } } }) => app.router.currentRoute.value.path

describe('the lock screen', () => {
  it('locks on the button and shows only the names of the staff, no menu and no records', async () => {
    const app = await sharedTablet()
    const { w } = app
    await eventually(() => w.text(), 'Aangemeld als anna')
    await button(w, 'Vergrendelen').trigger('click')
    await expect.poll(async () => (await flushPromises(), path(app))).toBe('/vergrendeld')
    await eventually(() => w.text(), 'Wie ben jij?')
    expect(w.findAll('li button').map(b => b.text())).toEqual(['anna', 'carla'])
    expect(w.text()).not.toContain('Aangemeld als')
    expect(w.find('nav').exists()).toBe(false)
    expect(w.find('[role="status"]').exists()).toBe(false)
    // Any other page sends a locked tablet back here.
    await app.router.push('/hulpvraag/nieuw')
    await flushPromises()
    expect(path(app)).toBe('/vergrendeld')
  })

  it('switches user in two taps and a PIN, and counts down wrong PINs', async () => {
    const app = await sharedTablet()
    const { w } = app
    await useLockStore().lock()
    await expect.poll(async () => (await flushPromises(), path(app))).toBe('/vergrendeld')
    await eventually(() => w.text(), 'carla')
    await button(w, 'carla').trigger('click')
    const pin = byLabel(w, 'Pincode van carla')
    expect(pin.attributes('inputmode')).toBe('numeric')
    expect(document.activeElement).toBe(pin.element)
    await pin.setValue('1111')
    await w.find('form').trigger('submit')
    await eventually(() => w.text(), 'Deze pincode klopt niet. Je kan het nog 4 keer proberen.')
    expect(document.activeElement).toBe(w.get('[role="alert"]').element)

    await byLabel(w, 'Pincode van carla').setValue('4826')
    await w.find('form').trigger('submit')
    await expect.poll(async () => (await flushPromises(), path(app)), { timeout: 5000 }).toBe('/')
    await eventually(() => w.text(), 'Aangemeld als carla')
    // The cookie (and so replication) stays anna's: only an online sign-in changes it.
    expect(useAuthStore().identity?.name).toBe('anna')
  })

  it('asks whoever unlocks while the server refuses the cookie to sign in again with their password', async () => {
    const app = await sharedTablet()
    const { w } = app
    await useLockStore().lock()
    await expect.poll(async () => (await flushPromises(), path(app))).toBe('/vergrendeld')
    useSyncStore().status = { state: 'unauthorized', pending: 0, lastSyncedAt: null, refused: [], waiting: [] }
    await eventually(() => w.text(), 'carla')
    await button(w, 'carla').trigger('click')
    await byLabel(w, 'Pincode van carla').setValue('4826')
    await w.find('form').trigger('submit')
    await expect.poll(async () => (await flushPromises(), app.router.currentRoute.value.fullPath), { timeout: 5000 }).toBe('/aanmelden?opnieuw=1&naam=carla')
    expect(byLabel(w, 'Gebruikersnaam').element.value).toBe('carla')
  })

  it('sends a blocked PIN to the password sign-in', async () => {
    const app = await sharedTablet()
    const { w } = app
    await useLockStore().lock()
    for (let i = 0; i < 5; i++)
      await useDataLayer().device.unlock('anna', '9999')
    await useLockStore().refreshStaff()
    await expect.poll(async () => (await flushPromises(), path(app))).toBe('/vergrendeld')
    await eventually(() => w.text(), 'anna (geblokkeerd)')
    await button(w, 'anna (geblokkeerd)').trigger('click')
    await byLabel(w, 'Pincode van anna').setValue('2580')
    await w.find('form').trigger('submit')
    await eventually(() => w.text(), 'Je pincode is geblokkeerd')
    expect(w.findAll('a').find(a => a.text() === 'Aanmelden met wachtwoord')?.attributes('href')).toBe('/aanmelden?opnieuw=1&naam=anna')
  })

  it('stays locked after a reload of the app', async () => {
    await sharedTablet()
    await useLockStore().lock()
    // A new Pinia and router on the same device: what a reload starts with.
    setActivePinia(createPinia())
    const router = createAppRouter(createMemoryHistory())
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/vergrendeld')
    expect(useLockStore().staff.map(s => s.name)).toEqual(['anna', 'carla'])
  })
})

describe('the idle lock', () => {
  it('locks after 5 quiet minutes, and activity starts the count again', async () => {
    const app = await sharedTablet()
    const lock = useLockStore()
    await eventually(() => app.w.text(), 'Aangemeld als anna')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    lock.activity()
    vi.advanceTimersByTime(4 * 60_000)
    window.dispatchEvent(new Event('pointerdown'))
    vi.advanceTimersByTime(4 * 60_000)
    expect(lock.locked).toBe(false)
    vi.advanceTimersByTime(60_000 + 1)
    expect(lock.locked).toBe(true)
    vi.useRealTimers()
    await expect.poll(async () => (await flushPromises(), path(app))).toBe('/vergrendeld')
    expect((await app.data.device.state()).locked).toBe(true)
  })

  it('follows the idle period the coordinators set, on every tablet, as soon as it arrives', async () => {
    await sharedTablet()
    const lock = useLockStore()
    const carla = profileFromCtx({ name: 'carla', roles: ['coordinator'] })!
    expect((await useDataLayer().settings.save({ idleMinutes: 1, loanPeriod: { type: 'months', months: 12 }, agreement: null }, carla)).ok).toBe(true)
    await expect.poll(() => lock.idleMinutes).toBe(1)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    lock.activity()
    vi.advanceTimersByTime(59_000)
    expect(lock.locked).toBe(false)
    vi.advanceTimersByTime(1_001)
    expect(lock.locked).toBe(true)
  })
})
