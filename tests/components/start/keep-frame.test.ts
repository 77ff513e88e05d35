import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FORM_PATH, formWanted, isKeepFrame } from '../../../src/early-form/keep-frame'
import { readEarlyForm, writeEarlyForm } from '../../../src/early-form/record'
import { forgetStartSnapshot, newSessionDraftKey, noteDraft, START_FORM_KEY, START_SNAPSHOT_KEY, writeStartSnapshot, type StartSnapshot } from '../../../src/start-snapshot'

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

function keepForm(html = '<form></form>', drawnFrom?: string | null): void {
  writeEarlyForm({ version: ENTRY, path: FORM_PATH, title: 'Nieuwe hulpvraag', styles: [], html, pinOffer: false }, localStorage, drawnFrom)
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
