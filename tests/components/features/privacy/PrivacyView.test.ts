import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDataLayer, type DataLayer } from '../../../../src/data'
import PrivacyView from '../../../../src/features/privacy/PrivacyView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { setDataLayer } from '../../../../src/stores/data'
import { makeSubjectExport } from '../../../factories/subject-export'
import { ACCOUNTS, closeApps, eventually, setupApp } from '../../support/app'
import { fakeServer } from '../../support/fake-server'
import { button } from '../../support/query'

const mounted: VueWrapper[] = []
const layers: DataLayer[] = []
afterEach(async () => {
  mounted.splice(0).forEach(w => w.unmount())
  // The stores let go of the data layer before it closes, as in `closeApps`. The erase's "sync now"
  // may still be under way: the layer's close waits for it.
  await closeApps()
  await Promise.all(layers.splice(0).map(d => d.close()))
  vi.restoreAllMocks()
})

const ERASED = { person: 1, anonymised: 2, rekeyed: 0, conflictsRemoved: 0 }

/**
 * The coordinator's tablet against a server that also answers the subject-rights endpoint; the
 * rest (sign-in) is the usual fake server. `online: false` makes that endpoint unreachable.
 */
async function privacyScreen(opts: { online?: boolean } = {}) {
  const app = setupApp()
  const subject = makeSubjectExport()
  const calls: string[] = []
  const base = fakeServer(ACCOUNTS)
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input))
    if (!url.pathname.startsWith('/_digibalie/subjects/'))
      return base.fetch(input, init)
    if (opts.online === false)
      throw new TypeError('Failed to fetch')
    const method = init?.method ?? 'GET'
    calls.push(`${method} ${decodeURIComponent(url.pathname)}`)
    const body = method === 'DELETE' ? { ok: true, erased: ERASED } : subject
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }
  const data = createDataLayer({ serverUrl: 'http://digibalie.test', fetch, localPrefix: `privacy-${Math.random().toString(36).slice(2, 8)}-` })
  layers.push(data)
  setDataLayer(data)
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  await app.router.push(`/privacy/${subject.personId}`)
  await app.router.isReady()
  const w = app.render(PrivacyView)
  mounted.push(w)
  await flushPromises()
  return { w, subject, calls }
}

describe('the subject-rights screen', () => {
  it('shows what the server keeps about the resident, per service, in plain Dutch', async () => {
    const { w, subject, calls } = await privacyScreen()
    await eventually(() => w.text(), 'Maria')
    expect(calls).toEqual([`GET /_digibalie/subjects/${subject.personId}`])
    expect(w.text()).toContain('Peeters')
    expect(w.text()).toContain('2370')
    // Choices read as words, not stored ids.
    expect(w.text()).toContain('Senior')
    expect(w.text()).toContain('Opgelost')
    expect(w.text()).not.toContain('opgelost')
    expect(w.text()).toContain('Waar de inwoner in voorkomt (2)')
    expect(w.text()).toContain('Hulpvragen (2)')
    expect(w.text()).toContain('Notitie: Vraag 1 over de energiefactuur')
    // Dates in the user's locale: "maart", not an ISO string.
    expect(w.text()).toContain('maart 2025')
    expect(w.text()).not.toContain('2025-03-10T')
  })

  it('downloads the server\'s export as a JSON file', async () => {
    const { w, subject } = await privacyScreen()
    await eventually(() => w.text(), 'Download als JSON')
    let saved: Blob | null = null
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob
      return 'blob:digibalie/export'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    await button(w, 'Download als JSON').trigger('click')
    expect(saved).not.toBeNull()
    const parsed = JSON.parse(await saved!.text()) as typeof subject
    expect(parsed.personId).toBe(subject.personId)
    expect(parsed.records).toHaveLength(2)
  })

  it('erases only after a second confirmation that names what goes and what stays, then shows the counts', async () => {
    const { w, subject, calls } = await privacyScreen()
    await eventually(() => w.text(), 'Wissen')
    await button(w, 'Wissen').trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    expect(dialog.text()).toContain('alle notities, redenen en handtekeningen in 2 gegevens')
    expect(dialog.text()).toContain('de 2 hulpvragen, lessen en uitleningen zelf, zonder naam')
    await button(w, 'Niet wissen').trigger('click')
    await flushPromises()
    expect(calls.filter(c => c.startsWith('DELETE'))).toEqual([])

    await button(w, 'Wissen').trigger('click')
    await flushPromises()
    await button(w, 'Ja, definitief wissen').trigger('click')
    await eventually(() => w.text(), 'De inwoner is gewist.')
    expect(calls).toContain(`DELETE /_digibalie/subjects/${subject.personId}`)
    expect(w.text()).toContain('Anoniem gemaakt: 2')
    // The page no longer shows the erased resident's name or notes.
    expect(w.text()).not.toContain('Peeters')
    expect(w.text()).not.toContain('energiefactuur')
  })

  it('shows the erasure as done when the "sync now" it asks for fails on the tablet', async () => {
    const { w } = await privacyScreen()
    // The tablet's own storage fails the sync request; the erasure on the server stands. A plain
    // function, not a spy: a spy handles the rejection itself, and an unhandled one must fail the run.
    const sync = layers.at(-1)!.sync
    let asked = 0
    sync.now = () => {
      asked += 1
      return Promise.reject(new Error('storage failed'))
    }
    await eventually(() => w.text(), 'Wissen')
    await button(w, 'Wissen').trigger('click')
    await flushPromises()
    await button(w, 'Ja, definitief wissen').trigger('click')
    await eventually(() => w.text(), 'De inwoner is gewist.')
    await flushPromises()
    expect(asked).toBe(1)
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it('says plainly that it needs the network when the server cannot be reached', async () => {
    const { w } = await privacyScreen({ online: false })
    await eventually(() => w.text(), 'Hiervoor is internet nodig')
    expect(w.find('[role="alert"]').text()).toContain('Hiervoor is internet nodig')
    expect(w.text()).not.toContain('Wissen')
  })
})
