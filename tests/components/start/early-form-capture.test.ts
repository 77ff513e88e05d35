import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SessionsNewView from '../../../src/features/sessions/SessionsNewView.vue'
import { keepStartSnapshot, resumeFrom } from '../../../src/start'
import { forgetStartSnapshot, START_FORM_KEY, type StartSnapshot } from '../../../src/start-snapshot'
import { makePersonInput } from '../../factories/person'
import { closeApps, setupApp } from '../support/app'

/*
 * When the app keeps the new-session form for the next cold start (src/early-form/
 * useEarlyFormCapture.ts, built app only): once the start snapshot is settled, and only if the form
 * is still untouched then. At a cold start that moment comes after the data layer has loaded, so a
 * volunteer may already have chosen a resident: their name is on the page then, and must never be kept.
 */
const ANNA = { name: 'anna', roles: ['volunteer' as const], municipalities: ['arendonk' as const] }
const snapshot = (): StartSnapshot => ({ profile: ANNA, identity: ANNA, locked: false, staff: [{ name: 'anna', hasPin: true, blocked: false }], locations: [], categories: [] })
let entry: HTMLMetaElement

beforeEach(() => {
  vi.stubEnv('PROD', true)
  // The built page names its entry module (build/early-script.ts): the kept form's build.
  entry = Object.assign(document.createElement('meta'), { name: 'digibalie-entry', content: '/assets/index-test.js' })
  document.head.append(entry)
  // The app's pages are drawn inside #app.
  document.body.id = 'app'
})
afterEach(async () => {
  vi.unstubAllEnvs()
  entry.remove()
  document.body.removeAttribute('id')
  await closeApps()
  forgetStartSnapshot()
})

describe('keeping the new-session form for the next cold start', () => {
  it('keeps nothing when a resident was chosen before the snapshot settled, and keeps an untouched form', async () => {
    const app = setupApp({ online: false })
    await app.data.people.create(makePersonInput({ firstName: 'Maria', lastName: 'Peeters' }), ANNA, 'arendonk')
    resumeFrom(snapshot())
    await app.router.push('/hulpvraag/nieuw')
    const w = app.render(SessionsNewView)
    await w.get('input[type="search"]').setValue('peeters')
    await expect.poll(async () => {
      await flushPromises()
      return w.findAll('.resident-results__pick').length
    }, { timeout: 5000 }).toBe(1)
    await w.get('.resident-results__pick').trigger('click')
    await expect.poll(async () => {
      await flushPromises()
      return w.text()
    }).toContain('Gekozen: Maria Peeters')

    // The stored state has been read: the snapshot settles, and the form is not untouched.
    keepStartSnapshot()
    // The capture follows the settled snapshot through promises only: flushed here.
    await flushPromises()
    await flushPromises()
    expect(localStorage.getItem(START_FORM_KEY)).toBeNull()

    // The next form opens untouched: that one is kept, without the resident.
    w.unmount()
    app.render(SessionsNewView)
    await expect.poll(async () => {
      await flushPromises()
      return localStorage.getItem(START_FORM_KEY)
    }).toContain('Zoek bewoner')
    expect(localStorage.getItem(START_FORM_KEY)).not.toContain('Peeters')
  })
})
