import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import App from '../../../../src/App.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { useDataLayer } from '../../../../src/stores/data'
import { useSessionsStore } from '../../../../src/stores/sessions'
import { makeSessionInput } from '../../../factories/session-input'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button } from '../../support/query'

// PINs are hashed with the real 600,000 PBKDF2 rounds; on a busy 2-core runner that takes seconds.
vi.setConfig({ testTimeout: 20_000 })

afterEach(closeApps)

async function appAs(account: 'anna' | 'carla', also?: 'anna') {
  const app = setupApp()
  if (also)
    expect(await useAuthStore().signIn(also, `geheim-${also}`)).toBeNull()
  expect(await useAuthStore().signIn(account, `geheim-${account}`)).toBeNull()
  await app.router.push('/')
  await app.router.isReady()
  return { ...app, w: app.render(App) }
}

const dialogButtons = (w: Awaited<ReturnType<typeof appAs>>['w']) => w.get('dialog').findAll('button').map(b => b.text())

describe('signing out of a shared tablet', () => {
  it('asks once when nothing waits, then forgets the person and goes to the lock screen of the others', async () => {
    const { w, router } = await appAs('carla', 'anna')
    await button(w, 'Afmelden').trigger('click')
    await eventually(() => w.get('dialog').text(), 'Je pincode wordt hier gewist')
    await w.get('dialog').findAll('button').find(b => b.text() === 'Afmelden')!.trigger('click')
    await expect.poll(async () => (await flushPromises(), router.currentRoute.value.path), { timeout: 8000 }).toBe('/vergrendeld')
    expect((await useDataLayer().device.staff()).map(s => s.name)).toEqual(['anna'])
    expect(useAuthStore().profile).toBeNull()
  })

  it('lets a coordinator force it only after a second confirmation that names the loss', async () => {
    const { w, router } = await appAs('carla')
    const sessions = useSessionsStore()
    await sessions.create(makeSessionInput({ note: 'een' }))
    await sessions.create(makeSessionInput({ note: 'twee' }))
    await eventually(() => w.text(), 'wachten op synchronisatie')
    await button(w, 'Afmelden').trigger('click')
    await eventually(() => w.get('dialog').text(), '2 registraties van jou staan nog niet op de server.')
    expect(dialogButtons(w)).toEqual(['Nu synchroniseren', 'Toch doorgaan', 'Annuleren'])
    await w.get('dialog').findAll('button').find(b => b.text() === 'Toch doorgaan')!.trigger('click')
    await eventually(() => w.get('dialog').text(), '2 hulpvragen van carla blijven op deze tablet wachten tot carla hier opnieuw met wachtwoord aanmeldt.')
    expect(w.get('dialog h2').text()).toBe('Ben je zeker?')
    await w.get('dialog').findAll('button').find(b => b.text() === 'Ja, toch afmelden')!.trigger('click')
    await expect.poll(async () => (await flushPromises(), router.currentRoute.value.path), { timeout: 8000 }).toBe('/aanmelden')
    // The records themselves stay on the tablet.
    expect(await useDataLayer().device.unsynced()).toMatchObject({ total: 2, byKind: [{ kind: 'session', count: 2 }] })
  })
})
