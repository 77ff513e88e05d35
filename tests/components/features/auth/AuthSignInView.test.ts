import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import AuthSignInView from '../../../../src/features/auth/AuthSignInView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel } from '../../support/query'

afterEach(closeApps)

async function signInForm(opts: { online?: boolean } = {}) {
  const app = setupApp(opts)
  await app.router.push('/aanmelden')
  await app.router.isReady()
  return { ...app, w: app.render(AuthSignInView) }
}

async function submit(w: Awaited<ReturnType<typeof signInForm>>['w'], name: string, password: string) {
  await byLabel(w, 'Gebruikersnaam').setValue(name)
  await byLabel(w, 'Wachtwoord').setValue(password)
  await w.find('form').trigger('submit')
  await flushPromises()
}

describe('signing in', () => {
  it('has the labelled fields and the button', async () => {
    const { w } = await signInForm()
    expect(byLabel(w, 'Gebruikersnaam').attributes('autocomplete')).toBe('username')
    expect(byLabel(w, 'Wachtwoord').attributes('type')).toBe('password')
    expect(button(w, 'Aanmelden').attributes('type')).toBe('submit')
    expect(w.findAll('h1')).toHaveLength(1)
  })

  it('says plainly when the name or password is wrong, and moves focus to the message', async () => {
    const { w } = await signInForm()
    await submit(w, 'anna', 'fout')
    await eventually(() => w.text(), 'Je gebruikersnaam of wachtwoord klopt niet.')
    const alert = w.get('[role="alert"]')
    expect(document.activeElement).toBe(alert.element)
    expect(useAuthStore().profile).toBeNull()
  })

  it('explains that the first sign-in on a device needs the network', async () => {
    const { w } = await signInForm({ online: false })
    await submit(w, 'anna', 'geheim-anna')
    await eventually(() => w.text(), 'De eerste keer aanmelden op dit toestel lukt alleen met internet.')
  })

  it('asks for both fields before going to the server', async () => {
    const { w } = await signInForm()
    await submit(w, '', '')
    expect(w.get('[role="alert"]').text()).toBe('Vul je gebruikersnaam en je wachtwoord in.')
  })

  it('signs in and goes to the page that was asked for', async () => {
    const { w, router } = await signInForm()
    await router.replace('/aanmelden?naar=/hulpvraag/nieuw')
    await submit(w, 'anna', 'geheim-anna')
    await expect.poll(async () => {
      await flushPromises()
      return router.currentRoute.value.path
    }, { timeout: 5000 }).toBe('/hulpvraag/nieuw')
    expect(useAuthStore().profile).toMatchObject({ name: 'anna', municipalities: ['arendonk'] })
  })
})
