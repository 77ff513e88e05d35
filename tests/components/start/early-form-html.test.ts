import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { captureEarlyForm } from '../../../src/early-form/capture'
import { HELD_TYPE } from '../../../src/early-form/controls'
import { readEarlyForm } from '../../../src/early-form/record'
import { showEarlyForm } from '../../../src/early-form/show'
import { takeOverEarlyForm } from '../../../src/early-form/takeover'
import AuthPinOffer from '../../../src/features/auth/AuthPinOffer.vue'
import SessionsNewView from '../../../src/features/sessions/SessionsNewView.vue'
import { resumeFrom } from '../../../src/start'
import { forgetStartSnapshot, newSessionDraftKey, START_DRAFTS_KEY, START_FORM_KEY, writeStartSnapshot, type StartSnapshot } from '../../../src/start-snapshot'
import { useSessionsStore } from '../../../src/stores/sessions'
import { closeApps, setupApp } from '../support/app'

/*
 * The help-session form kept as HTML for a cold start (src/early-form/): what is kept (never a
 * typed value), when it is shown (never stale), and the app taking it over without losing the
 * typing, the focus and caret, a held tap or a held save.
 */
const ANNA = { name: 'anna', roles: ['volunteer' as const], municipalities: ['arendonk' as const] }
const PATH = '/hulpvraag/nieuw'
let mounted: { unmount: () => void } | null = null

afterEach(async () => {
  mounted?.unmount()
  mounted = null
  await closeApps()
  forgetStartSnapshot()
  localStorage.removeItem('digibalie.locale')
  localStorage.removeItem('digibalie.lastLocation')
  document.body.replaceChildren()
})

/** The new-session page as the app draws it: notices (the PIN offer) above the form. */
const NEW_SESSION_PAGE = { render: () => h('div', [h('div', { class: 'notice-region' }, h(AuthPinOffer)), h(SessionsNewView)]) }

/** Anna has a PIN: no PIN offer above the form, unless a test says otherwise. */
function snapshot(over: Partial<StartSnapshot> = {}): StartSnapshot {
  return { profile: ANNA, identity: ANNA, locked: false, staff: [{ name: 'anna', hasPin: true, blocked: false }], locations: [], categories: [], ...over }
}

/** The page's head as index.html has it after a build: the entry names the build. */
function page(entry = '/assets/index-aaaa.js'): Document {
  return new DOMParser().parseFromString(`<html><head><title>Nieuwe hulpvraag — Digibalie</title><script type="module" src="${entry}"></script></head><body></body></html>`, 'text/html')
}

/** A tablet that drew the new-session form from its start snapshot (with the PIN offer above it, as the app draws it, for `pinOffer`). */
async function drawnForm(pinOffer = false) {
  const app = setupApp({ online: false })
  const start = snapshot({ staff: [{ name: 'anna', hasPin: !pinOffer, blocked: false }] })
  writeStartSnapshot(start)
  resumeFrom(start)
  await app.router.push(PATH)
  const w = app.render(NEW_SESSION_PAGE)
  await flushPromises()
  return { app, w, root: w.element.parentElement as HTMLElement }
}

/** The next cold start of that tablet: the kept form in a fresh #app, before the app's code. */
async function keptFormShown(pinOffer = false) {
  const { app, root: drawn } = await drawnForm(pinOffer)
  const doc = page()
  captureEarlyForm(drawn, doc, PATH)
  // The tablet's earlier page is gone; its stores and data layer stay for the next start.
  drawn.remove()
  const root = document.createElement('div')
  document.body.append(root)
  expect(showEarlyForm(root, doc, PATH)).toBe(true)
  return { app, root }
}

/** The app mounting its own form over the kept one, as `src/main.ts` does. */
function appTakesOver(app: ReturnType<typeof setupApp>, root: HTMLElement): void {
  const takeOver = takeOverEarlyForm(root)!
  root.replaceChildren()
  mounted = mount(NEW_SESSION_PAGE, { attachTo: root, global: { plugins: [app.pinia, app.i18n, app.router] } })
  takeOver()
}

function type(el: Element | null, value: string): void {
  const field = el as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

describe('the kept help-session form', () => {
  it('keeps no typed value, notice or sync status, only what the app draws by default', async () => {
    const { w, root } = await drawnForm()
    await w.get('input[type="search"]').setValue('Marieke Verstraeten')
    await w.get('textarea').setValue('Rijksregister 85.07.30-033.61')
    await w.get('input[type="number"]').setValue(12)
    // As if a field carried its value as an attribute: the copy must lose it all the same.
    w.get('input[type="search"]').element.setAttribute('value', 'Marieke Verstraeten')
    root.insertAdjacentHTML('afterbegin', '<div class="notice-region"><p>De hulpvraag is opgeslagen.</p></div><div role="status">3 wachten</div><div class="sync-waiting"><p>2 wachten op bert</p></div>')
    captureEarlyForm(root, page(), PATH)

    const kept = localStorage.getItem(START_FORM_KEY) ?? ''
    expect(kept).toContain('Zoek bewoner')
    for (const typed of ['Marieke', '85.07.30', 'Rijksregister 85', '"12"', 'opgeslagen', '3 wachten', 'op bert'])
      expect(kept).not.toContain(typed)
    const html = new DOMParser().parseFromString(readEarlyForm(page(), PATH)!.html, 'text/html')
    // The default choice is kept ticked, as the app would draw it.
    expect(html.querySelector<HTMLInputElement>('input[value="samen-gedaan"]')?.defaultChecked).toBe(true)
    expect(html.querySelector<HTMLTextAreaElement>('textarea')?.defaultValue).toBe('')
  })

  it('is never shown for another build, language, page or person, a locked tablet, or after clearing', async () => {
    const { root } = await drawnForm()
    captureEarlyForm(root, page(), PATH)
    expect(readEarlyForm(page(), PATH)?.html).toContain('Zoek bewoner')
    expect(readEarlyForm(page('/assets/index-bbbb.js'), PATH)).toBeNull()
    expect(readEarlyForm(page(), '/hulpvraag/nieuw?x=1')).toBeNull()
    localStorage.setItem('digibalie.locale', 'fr')
    expect(readEarlyForm(page(), PATH)).toBeNull()
    localStorage.removeItem('digibalie.locale')

    writeStartSnapshot(snapshot({ locked: true }))
    expect(localStorage.getItem(START_FORM_KEY)).toBeNull()
    writeStartSnapshot(snapshot())
    captureEarlyForm(root, page(), PATH)
    writeStartSnapshot(snapshot({ profile: { ...ANNA, name: 'bert' } }))
    expect(readEarlyForm(page(), PATH)).toBeNull()

    writeStartSnapshot(snapshot())
    captureEarlyForm(root, page(), PATH)
    // The same snapshot written again (every start does) keeps it.
    writeStartSnapshot(snapshot())
    expect(readEarlyForm(page(), PATH)).not.toBeNull()
    // Another room chosen at this desk: the kept form would preselect the old one.
    useSessionsStore().chooseLocation('loc-arendonk-sociaal-huis')
    expect(readEarlyForm(page(), PATH)).toBeNull()

    captureEarlyForm(root, page(), PATH)
    forgetStartSnapshot()
    expect(localStorage.getItem(START_FORM_KEY)).toBeNull()
  })

  it('holds the PIN offer exactly when the app draws it above the form (a page without it is never kept nor shown)', async () => {
    const { app, root: drawn, w } = await drawnForm(true)
    expect(w.text()).toContain('Pincode instellen')
    // Put away with "Later": the next start would show it again, so this page is not kept.
    await w.findAll('button').find(b => b.text() === 'Later')!.trigger('click')
    captureEarlyForm(drawn, page(), PATH)
    expect(localStorage.getItem(START_FORM_KEY)).toBeNull()
    w.unmount()
    const again = app.render(NEW_SESSION_PAGE)
    await flushPromises()
    const root = again.element.parentElement as HTMLElement
    captureEarlyForm(root, page(), PATH)
    const kept = readEarlyForm(page(), PATH)
    expect(kept?.pinOffer).toBe(true)
    expect(kept?.html).toContain('Pincode instellen')
    // A kept page without the offer, for someone the app offers a PIN: never shown.
    localStorage.setItem(START_FORM_KEY, JSON.stringify({ ...JSON.parse(localStorage.getItem(START_FORM_KEY)!) as object, pinOffer: false }))
    expect(readEarlyForm(page(), PATH)).toBeNull()
  })

  it('carries a tap on the kept PIN offer over to the app, which opens the PIN page', async () => {
    const { app, root } = await keptFormShown(true)
    const link = [...root.querySelectorAll('a[href]')].find(a => a.textContent?.includes('Pincode instellen'))!
    const tap = new MouseEvent('click', { bubbles: true, cancelable: true })
    link.dispatchEvent(tap)
    expect(tap.defaultPrevented).toBe(true)
    appTakesOver(app, root)
    await expect.poll(() => app.router.currentRoute.value.path, { timeout: 10_000 }).toBe('/pincode')
  })

  it('is not shown while a draft of the new help session is kept on this tablet, and again once it is gone', async () => {
    const { app, w, root } = await drawnForm()
    captureEarlyForm(root, page(), PATH)
    expect(readEarlyForm(page(), PATH)).not.toBeNull()
    // Typing keeps a draft (after a pause), which the app offers as the form opens: no kept form then.
    await w.get('textarea').setValue('Half af')
    await expect.poll(() => readEarlyForm(page(), PATH), { timeout: 5000 }).toBeNull()
    expect(localStorage.getItem(START_DRAFTS_KEY)).not.toContain('Half af')
    // Someone else's draft does not matter; a note lost meanwhile is put right by the next read.
    await app.data.drafts.discard(newSessionDraftKey('anna'))
    await app.data.drafts.save(newSessionDraftKey('bert'), 'bert', {})
    expect(readEarlyForm(page(), PATH)).not.toBeNull()
    await app.data.drafts.save(newSessionDraftKey('anna'), 'anna', {})
    localStorage.removeItem(START_DRAFTS_KEY)
    expect(await app.data.drafts.get(newSessionDraftKey('anna'))).not.toBeNull()
    expect(readEarlyForm(page(), PATH)).toBeNull()
  })

  it('hands typing, focus and caret, a held tap and a held save over to the app, which saves them once', async () => {
    const { app, root } = await keptFormShown()
    type(root.querySelector('textarea'), 'Vroeg getypt')
    type(root.querySelector('input[type="number"]'), '17')
    const itsme = root.querySelector<HTMLInputElement>('input[value="itsme"]')!
    itsme.checked = true
    const solved = root.querySelector<HTMLInputElement>('input[value="opgelost"]')!
    solved.checked = true
    const note = root.querySelector('textarea')!
    note.focus()
    note.setSelectionRange(5, 5)
    ;[...root.querySelectorAll('button')].find(b => b.textContent?.includes('Anoniem'))!.click()
    root.querySelector('form')!.requestSubmit()
    root.querySelector('form')!.requestSubmit()
    expect(root.getAttribute('data-early-held')).toBe(JSON.stringify(['button|button||Anoniem (korte vraag)#0', 'submit']))

    // The app takes over: its own form replaces the kept one.
    appTakesOver(app, root)
    const focused = document.activeElement as HTMLTextAreaElement
    expect(focused.tagName).toBe('TEXTAREA')
    expect(focused.value).toBe('Vroeg getypt')
    expect(focused.selectionStart).toBe(5)
    expect(root.hasAttribute('data-early')).toBe(false)

    await expect.poll(() => app.data.sessions.list({}).then(rows => rows.length)).toBe(1)
    const [row] = await app.data.sessions.list({})
    expect(row).toMatchObject({ note: 'Vroeg getypt', categories: ['itsme'], outcome: 'opgelost', durationMinutes: 17, createdBy: 'anna' })
    expect(row?.personId).toBeUndefined()
  })

  it('draws the start time as an empty read-only box, and the app puts its own field there with the time it opened, keeping the focus', async () => {
    const { app, root } = await keptFormShown()
    // No date-and-time field on the kept page: a slow tablet pays for making one more than for any other field.
    expect(root.querySelector('input[type="datetime-local"]')).toBeNull()
    const held = root.querySelector<HTMLInputElement>(`input[${HELD_TYPE}]`)!
    expect(held.getAttribute(HELD_TYPE)).toBe('datetime-local')
    expect(held.type).toBe('text')
    expect(held.readOnly).toBe(true)
    expect(held.value).toBe('')
    expect(held.labels?.[0]?.textContent).toContain('Begin')
    held.focus()

    appTakesOver(app, root)
    const begin = root.querySelector<HTMLInputElement>('input[type="datetime-local"]')!
    expect(begin.readOnly).toBe(false)
    expect(begin.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    expect(Math.abs(new Date(begin.value).getTime() - Date.now())).toBeLessThan(3 * 60_000)
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(document.activeElement).toBe(begin)
  })

  it('keeps the focus in the field being typed in, though the resident search takes it when the form opens', async () => {
    const { app, root } = await keptFormShown()
    root.querySelector('textarea')!.focus()
    appTakesOver(app, root)
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(document.activeElement?.tagName).toBe('TEXTAREA')
    expect(root.contains(document.activeElement)).toBe(true)
  })

  it('holds a tap on a link instead of leaving the page, and the app follows it once it is there', async () => {
    const { app, root } = await keptFormShown()
    const cancel = [...root.querySelectorAll('a[href]')].find(a => a.textContent?.includes('Annuleren'))!
    const tap = new MouseEvent('click', { bubbles: true, cancelable: true })
    cancel.dispatchEvent(tap)
    expect(tap.defaultPrevented).toBe(true)
    expect(cancel.getAttribute('aria-busy')).toBe('true')
    expect(app.router.currentRoute.value.path).toBe(PATH)

    appTakesOver(app, root)
    // The home page's code is loaded (and, here, compiled) on the way: on a busy machine that takes seconds.
    await expect.poll(() => app.router.currentRoute.value.path, { timeout: 10_000 }).toBe('/')
  })
})
