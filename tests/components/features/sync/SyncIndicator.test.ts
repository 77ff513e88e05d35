import { afterEach, describe, expect, it } from 'vitest'
import SyncIndicator from '../../../../src/features/sync/SyncIndicator.vue'
import type { SyncStatus } from '../../../../src/stores/data'
import { useAuthStore } from '../../../../src/stores/auth'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { useSyncStore } from '../../../../src/stores/sync'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'

afterEach(closeApps)

const base: SyncStatus = { state: 'synced', pending: 0, lastSyncedAt: null, refused: [], waiting: [] }

/** The indicator for a given status; the status itself is the data layer's to produce. */
function indicatorFor(status: Partial<SyncStatus>, locale: 'nl' | 'fr' | 'en' = 'nl') {
  const app = setupApp()
  app.i18n.global.locale.value = locale
  useSyncStore().status = { ...base, ...status }
  const w = app.render(SyncIndicator)
  return w.get('.sync__text').text()
}

describe('the sync indicator', () => {
  it('says when everything was synced, as the local clock reads it', () => {
    const at = new Date(2025, 2, 10, 14, 5).toISOString()
    expect(indicatorFor({ lastSyncedAt: at })).toBe('Alles gesynchroniseerd om 14:05')
    expect(indicatorFor({})).toBe('Alles gesynchroniseerd')
  })

  it('counts what waits, in singular and plural', () => {
    expect(indicatorFor({ state: 'syncing', pending: 1 })).toBe('Wachten op synchronisatie: 1')
    expect(indicatorFor({ state: 'syncing', pending: 3 })).toBe('3 wachten op synchronisatie')
    expect(indicatorFor({ state: 'syncing', pending: 0 })).toBe('Bezig met synchroniseren…')
  })

  it('says offline with the number waiting', () => {
    expect(indicatorFor({ state: 'offline', pending: 4 })).toBe('Offline — 4 wachten op synchronisatie')
    expect(indicatorFor({ state: 'offline', pending: 1 })).toBe('Offline — wachten op synchronisatie: 1')
    expect(indicatorFor({ state: 'offline', pending: 0 })).toBe('Offline — niets wacht')
  })

  it('asks to sign in again when the server no longer accepts the session, with a link', () => {
    const app = setupApp()
    useSyncStore().status = { ...base, state: 'unauthorized', pending: 2 }
    const w = app.render(SyncIndicator)
    expect(w.text()).toContain('Opnieuw aanmelden nodig')
    expect(w.get('a').attributes('href')).toBe('/aanmelden?opnieuw=1')
  })

  it('mentions records the server refused', () => {
    expect(indicatorFor({ refused: [{ id: 'session:1', reason: 'forbidden' }] })).toContain('1 registratie geweigerd door de server')
  })

  it('speaks the chosen language', () => {
    expect(indicatorFor({ state: 'offline', pending: 2 }, 'fr')).toBe('Hors ligne — 2 attendent la synchronisation')
    expect(indicatorFor({ state: 'syncing', pending: 2 }, 'en')).toBe('2 waiting to sync')
  })

  it('follows the real data layer: a session saved without network waits', async () => {
    const app = setupApp()
    expect(await useAuthStore().signIn('anna', 'geheim-anna')).toBeNull()
    const w = app.render(SyncIndicator)
    expect((await useSessionsStore().create(makeSessionInput())).ok).toBe(true)
    await eventually(() => w.text(), 'Offline — wachten op synchronisatie: 1')
  })
})
