import { afterEach, describe, expect, it, vi } from 'vitest'
import SettingsAppView from '../../../../src/features/settings-app/SettingsAppView.vue'
import { profileFromCtx } from '../../../../src/domain'
import { useAuthStore } from '../../../../src/stores/auth'
import { closeApps, eventually, setupApp } from '../../support/app'
import { button, byLabel, describedError } from '../../support/query'

afterEach(closeApps)

async function screen() {
  const app = setupApp()
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  await app.router.push('/instellingen/digibank')
  return { ...app, w: app.render(SettingsAppView) }
}

describe('the settings for all tablets', () => {
  it('start from the defaults: 5 minutes, 12 months and the app\'s agreement text in three languages', async () => {
    const { w } = await screen()
    expect(byLabel(w, 'Vergrendelen als niemand de tablet gebruikt na').element.value).toBe('5')
    expect(byLabel(w, 'Aantal maanden').element.value).toBe('12')
    expect(byLabel(w, 'Nederlands').element.value).toContain('De ontlener krijgt het toestel')
    expect(byLabel(w, 'Frans').element.value).toContain('L’emprunteur reçoit en prêt')
    expect(w.text()).toContain('Nu geldt de standaardtekst van de app.')
  })

  it('save a shorter lock, a fixed end date and an own agreement text for every tablet', async () => {
    const { w, data } = await screen()
    await byLabel(w, 'Vergrendelen als niemand de tablet gebruikt na').setValue('2')
    await w.findAll('label').find(l => l.text() === 'Tot een vaste datum')!.get('input[type="radio"]').setValue(true)
    await byLabel(w, 'Einddatum').setValue('2027-06-30')
    await byLabel(w, 'Nederlands').setValue('De ontlener brengt het toestel terug op 30 juni 2027.')
    await button(w, 'Bewaren').trigger('submit')
    await eventually(() => w.get('[role="status"]').text(), 'Bewaard. De tablets krijgen het bij de volgende synchronisatie.')
    const saved = await data.settings.current()
    expect(saved.idleMinutes).toBe(2)
    expect(saved.loanPeriod).toEqual({ type: 'until', until: '2027-06-30' })
    expect(saved.agreement).toMatchObject({ version: 1, nl: 'De ontlener brengt het toestel terug op 30 juni 2027.', fr: expect.stringContaining('L’emprunteur') })
    await eventually(() => w.text(), 'Versie 1 van de tekst.')
  })

  it('refuse an empty Dutch text with the error on the field, and store nothing', async () => {
    const { w, data } = await screen()
    await byLabel(w, 'Nederlands').setValue('   ')
    await button(w, 'Bewaren').trigger('submit')
    await eventually(() => w.text(), 'Niet bewaard: kijk de velden met een fout na.')
    expect(describedError(w, byLabel(w, 'Nederlands'))).toBe('Vul dit in.')
    expect((await data.settings.current()).agreement).toBeNull()
  })

  it('take a change made elsewhere while nobody is editing, and go back to the standard text', async () => {
    const { w, data } = await screen()
    const other = profileFromCtx({ name: 'cas', roles: ['coordinator'] })!
    await data.settings.save({ idleMinutes: 15, loanPeriod: { type: 'months', months: 6 }, agreement: { nl: 'Eigen', fr: 'Propre', en: 'Own' } }, other)
    await vi.waitFor(() => expect(byLabel(w, 'Aantal maanden').element.value).toBe('6'))
    expect(byLabel(w, 'Vergrendelen als niemand de tablet gebruikt na').element.value).toBe('15')
    // A second change from elsewhere is taken too: taking the first did not make the form "edited".
    await data.settings.save({ idleMinutes: 20, loanPeriod: { type: 'months', months: 6 }, agreement: { nl: 'Eigen', fr: 'Propre', en: 'Own' } }, other)
    await vi.waitFor(() => expect(byLabel(w, 'Vergrendelen als niemand de tablet gebruikt na').element.value).toBe('20'))
    await button(w, 'Standaardtekst terugzetten').trigger('click')
    await button(w, 'Bewaren').trigger('submit')
    await eventually(() => w.get('[role="status"]').text(), 'Bewaard.')
    expect(await data.settings.current()).toEqual({ idleMinutes: 20, loanPeriod: { type: 'months', months: 6 }, agreement: null })
  })
})
