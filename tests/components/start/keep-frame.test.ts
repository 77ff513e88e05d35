import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FORM_KEPT, FORM_PATH, formWanted, isKeepFrame, isUpdateFrame, keepFormInBackground, nextFormWanted, noteVersionWaiting } from '../../../src/early-form/keep-frame'
import { readEarlyForm, writeEarlyForm } from '../../../src/early-form/record'
import { UPDATE_FRAME_PARAM } from '../../../src/early-form/update-param'
import { forgetStartSnapshot, newSessionDraftKey, NEXT_FORM_KEY, noteDraft, START_FORM_KEY, START_SNAPSHOT_KEY, writeStartSnapshot, type StartSnapshot } from '../../../src/start-snapshot'

/*
 * When the app keeps the form out of sight for the next cold start (src/early-form/keep-frame.ts),
 * and that a form drawn for another snapshot is never kept. The hidden frame itself (the real app at
 * the form's address, kept and removed again) runs in the browser: tests/e2e/cold-start.spec.ts.
 */
const ANNA = { name: 'anna', roles: ['volunteer' as const], municipalities: ['arendonk' as const] }
const ENTRY = '/assets/index-aaaa.js'

function snapshot(over: Partial<StartSnapshot> = {}): StartSnapshot {
  return { profile: ANNA, identity: ANNA, locked: false, staff: [{ name: 'anna', hasPin: true, blocked: false }], locations: [], categories: [], ...over }
}

function keepForm(html = '<form></form>', drawnFrom?: string | null, version = ENTRY, next = false): void {
  writeEarlyForm({ version, path: FORM_PATH, title: 'Nieuwe hulpvraag', styles: [], html, pinOffer: false }, localStorage, drawnFrom, next)
}

/** The hidden frames on the page now, by address. */
const frames = () => [...document.querySelectorAll('iframe')].map(f => f.getAttribute('src'))

/** What the frame posts once its form is kept: the page then removes it. */
function frameTellsKept(): void {
  const frame = document.querySelector('iframe')!
  window.dispatchEvent(new MessageEvent('message', { data: FORM_KEPT, source: frame.contentWindow }))
}

beforeEach(() => {
  // As the built index.html names the build.
  const meta = document.createElement('meta')
  meta.name = 'digibalie-entry'
  meta.content = ENTRY
  document.head.append(meta)
})

afterEach(() => {
  forgetStartSnapshot()
  document.head.replaceChildren()
})

describe('keeping the form out of sight', () => {
  it('is wanted on another page of a signed-in, unlocked tablet with no form kept', () => {
    writeStartSnapshot(snapshot())
    expect(formWanted('/')).toBe(true)
    expect(formWanted('/lessen')).toBe(true)
  })

  it('is not wanted when a form is kept already, on the form\'s own page, or when no form can be kept', () => {
    writeStartSnapshot(snapshot())
    keepForm()
    expect(readEarlyForm(document, FORM_PATH)).not.toBeNull()
    expect(formWanted('/')).toBe(false)

    localStorage.removeItem(START_FORM_KEY)
    // The form's own page keeps itself.
    expect(formWanted(FORM_PATH)).toBe(false)

    // A draft of a new session: the app offers it first, so no form is kept.
    noteDraft(newSessionDraftKey('anna'), true)
    expect(formWanted('/')).toBe(false)
    noteDraft(newSessionDraftKey('anna'), false)
    expect(formWanted('/')).toBe(true)

    // A locked tablet, or nobody signed in.
    writeStartSnapshot(snapshot({ locked: true }))
    expect(formWanted('/vergrendeld')).toBe(false)
    writeStartSnapshot(snapshot({ profile: null }))
    expect(formWanted('/aanmelden')).toBe(false)
  })

  it('is wanted again once the kept form no longer fits: another person, or another build', () => {
    writeStartSnapshot(snapshot())
    keepForm()
    expect(formWanted('/')).toBe(false)
    writeStartSnapshot(snapshot({ profile: { ...ANNA, name: 'bert' }, identity: { ...ANNA, name: 'bert' }, staff: [{ name: 'bert', hasPin: true, blocked: false }] }))
    expect(formWanted('/')).toBe(true)
    keepForm()
    expect(formWanted('/')).toBe(false)
    document.head.querySelector('meta')!.content = '/assets/index-bbbb.js'
    expect(formWanted('/')).toBe(true)
  })

  it('never keeps a form drawn for a snapshot that changed while it was drawn (a sign-out or a lock meanwhile)', () => {
    writeStartSnapshot(snapshot())
    const drawnFrom = localStorage.getItem(START_SNAPSHOT_KEY)
    writeStartSnapshot(snapshot({ profile: { ...ANNA, name: 'bert' }, identity: { ...ANNA, name: 'bert' }, staff: [{ name: 'bert', hasPin: true, blocked: false }] }))
    keepForm('<p>anna</p>', drawnFrom)
    expect(localStorage.getItem(START_FORM_KEY)).toBeNull()
    keepForm('<p>bert</p>', localStorage.getItem(START_SNAPSHOT_KEY))
    expect(readEarlyForm(document, FORM_PATH)?.html).toBe('<p>bert</p>')
  })

  it('is the hidden frame only in a frame of that name, never the page itself', () => {
    expect(isKeepFrame(window)).toBe(false)
  })
})

describe('keeping the form of a new version that waits to take over', () => {
  const NEXT = '/assets/index-bbbb.js'
  /** Long enough for the tablet to count as idle (`whenIdle`), well short of a frame's time to keep. */
  const IDLE = 3_000

  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
    document.querySelectorAll('iframe').forEach(f => f.remove())
  })

  it('shows each build its own form: this one\'s until the new version starts, then the new version\'s', () => {
    writeStartSnapshot(snapshot())
    keepForm('<p>this build</p>')
    keepForm('<p>new version</p>', undefined, NEXT, true)
    expect(JSON.parse(localStorage.getItem(START_FORM_KEY)!).version).toBe(ENTRY)
    expect(JSON.parse(localStorage.getItem(NEXT_FORM_KEY)!).version).toBe(NEXT)
    expect(readEarlyForm(document, FORM_PATH)?.html).toBe('<p>this build</p>')
    // The first start of the new version: the old build's form does not fit, the new one's does.
    document.head.querySelector('meta')!.content = NEXT
    expect(readEarlyForm(document, FORM_PATH)?.html).toBe('<p>new version</p>')
    document.head.querySelector('meta')!.content = '/assets/index-cccc.js'
    expect(readEarlyForm(document, FORM_PATH)).toBeNull()
  })

  it('forgets the new version\'s form with this build\'s when the tablet changes (another person)', () => {
    writeStartSnapshot(snapshot())
    keepForm('<p>new version</p>', undefined, NEXT, true)
    document.head.querySelector('meta')!.content = NEXT
    expect(readEarlyForm(document, FORM_PATH)).not.toBeNull()
    writeStartSnapshot(snapshot({ profile: { ...ANNA, name: 'bert' }, identity: { ...ANNA, name: 'bert' }, staff: [{ name: 'bert', hasPin: true, blocked: false }] }))
    expect(localStorage.getItem(NEXT_FORM_KEY)).toBeNull()
    expect(readEarlyForm(document, FORM_PATH)).toBeNull()
  })

  it('is wanted once a version waits, on another page of an open tablet, online or not, until its form is kept', () => {
    vi.useFakeTimers()
    writeStartSnapshot(snapshot())
    keepForm()
    expect(nextFormWanted('/')).toBe(false)
    noteVersionWaiting()
    expect(nextFormWanted('/')).toBe(true)
    // Not on the form itself (the volunteer may be typing).
    expect(nextFormWanted(FORM_PATH)).toBe(false)
    // Offline too: the waiting version's worker has cached its shell and files (waiting-shell.ts).
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    expect(nextFormWanted('/')).toBe(true)
    online.mockRestore()
    // Kept by another build than this one: the new version's.
    keepForm('<p>new version</p>', undefined, NEXT, true)
    expect(nextFormWanted('/')).toBe(false)
    // Once the tablet is idle nothing is drawn: both forms are kept.
    vi.advanceTimersByTime(IDLE)
    expect(frames()).toEqual([])
  })

  it('draws this build\'s form first, then the new version\'s at the address the service worker answers with that version\'s shell, once', () => {
    vi.useFakeTimers()
    writeStartSnapshot(snapshot())
    noteVersionWaiting()
    vi.advanceTimersByTime(IDLE)
    expect(frames()).toEqual([FORM_PATH])
    keepForm()
    frameTellsKept()
    expect(frames()).toEqual([`${FORM_PATH}?${UPDATE_FRAME_PARAM}`])
    // That frame loads the new version, which keeps its form apart; here it gives no word in time.
    vi.advanceTimersByTime(20_000)
    expect(frames()).toEqual([])
    // One try per notice: no frame after frame while that version fails to draw its form.
    keepFormInBackground('/')
    expect(frames()).toEqual([])
    noteVersionWaiting()
    vi.advanceTimersByTime(IDLE)
    expect(frames()).toEqual([`${FORM_PATH}?${UPDATE_FRAME_PARAM}`])
  })

  it('is a new version\'s frame only in a keep frame whose address carries the mark', () => {
    expect(isUpdateFrame(window)).toBe(false)
  })
})
