import { afterEach, describe, expect, it, vi } from 'vitest'
import SettingsView from '../../../../src/features/settings/SettingsView.vue'
import { keepStartSnapshot } from '../../../../src/start'
import { readStartSnapshot } from '../../../../src/start-snapshot'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button } from '../../support/query'

// PINs are hashed with the real 600,000 PBKDF2 rounds; on a busy 2-core runner that takes seconds.
vi.setConfig({ testTimeout: 20_000 })

afterEach(async () => {
  Reflect.deleteProperty(navigator, 'storage')
  await closeApps()
})

/** The browser's storage manager (happy-dom has none), answering with these numbers. */
function storage(usage: number, quota: number) {
  const manager = { estimate: async () => ({ usage, quota }), persisted: async () => true, persist: async () => true }
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true })
}

async function settings(account: 'anna' | 'carla') {
  const app = setupApp()
  expect(await useAuthStore().signIn(account, `geheim-${account}`)).toBeNull()
  await app.router.push('/instellingen')
  return { ...app, w: app.render(SettingsView) }
}

describe('the settings of a tablet', () => {
  it('shows storage use in the user\'s number format and warns past 80%', async () => {
    storage(850_500_000, 1_000_000_000)
    const { w } = await settings('anna')
    await eventually(() => w.text(), '850,5 MB gebruikt van 1 GB (85,1%)')
    expect(w.get('[role="alert"]').text()).toContain('De opslag is bijna vol')
    expect(w.text()).toContain('De browser bewaart deze gegevens')
  })

  it('does not warn while there is room', async () => {
    storage(12_000_000, 1_000_000_000)
    const { w } = await settings('anna')
    await eventually(() => w.text(), '12 MB gebruikt')
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it('shows everyone the coordinators\' idle period, with the way to change it for coordinators only', async () => {
    const carla = await settings('carla')
    await eventually(() => carla.w.text(), '5 minuten. Geldt voor alle tablets.')
    expect(carla.w.find('a[href="/instellingen/digibank"]').text()).toBe('Instellingen voor alle tablets')
    await closeApps()
    const anna = await settings('anna')
    // No idle-period choice in the settings sections (the tablet's own room is the one choice here).
    expect(anna.w.findAll('section select')).toHaveLength(0)
    expect(anna.w.text()).toContain('5 minuten. Geldt voor alle tablets.')
    expect(anna.w.find('a[href="/instellingen/digibank"]').exists()).toBe(false)
  })

  it('forgets the start snapshot when the tablet is cleared, so the next start shows nobody', async () => {
    const assign = vi.fn()
    vi.stubGlobal('location', { ...globalThis.location, assign })
    let stop = () => {}
    try {
      const { w } = await settings('anna')
      stop = keepStartSnapshot()
      expect(readStartSnapshot()?.profile?.name).toBe('anna')
      await button(w, 'Tablet leegmaken').trigger('click')
      await eventually(() => w.get('dialog').text(), 'Tablet leegmaken')
      await w.get('dialog').findAll('button').find(b => b.text() === 'Tablet leegmaken')!.trigger('click')
      await expect.poll(() => assign.mock.calls.length, { timeout: 10_000 }).toBe(1)
      expect(readStartSnapshot()).toBeNull()
    }
    finally {
      stop()
      vi.unstubAllGlobals()
    }
  })

  it('refuses to clear a tablet with unsynced records for a volunteer', async () => {
    const { w } = await settings('anna')
    await useSessionsStore().create(makeSessionInput())
    await button(w, 'Tablet leegmaken').trigger('click')
    await eventually(() => w.get('dialog').text(), '1 registratie staat nog niet op de server.')
    expect(w.get('dialog').findAll('button').map(b => b.text())).toEqual(['Nu synchroniseren', 'Annuleren'])
  })
})
