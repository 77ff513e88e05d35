import { savedLocale } from '../i18n/locale'
import { draftsNoted, newSessionDraftKey, NEXT_FORM_KEY, offersPin, START_FORM_KEY, START_SNAPSHOT_KEY, type StartSnapshot } from '../start-snapshot'
import { ENTRY_META } from './controls'

/*
 * The help-session form kept as HTML, so that a cold start shows a working form before the app's
 * code has run (`boot.ts`). It is shown only when everything it was drawn from is the same now:
 * the build (the entry script's hashed name), the language, the path and the start snapshot
 * (who is signed in, the lock, the rooms and categories), and only to a signed-in, unlocked
 * tablet. It holds a pristine form only: no resident, no draft, no typed value (`capture.ts`).
 * What the app adds above the form as it mounts would push the form down under the volunteer's
 * finger, so the kept page either holds it too (the PIN offer) or is not shown (a draft is kept,
 * which the app offers back first).
 * Two are kept: this build's own, and the one a new version drew while it waited to take over
 * (`NEXT_FORM_KEY`); each start shows the one drawn by its own build.
 * Its imports have none of their own at run time: `boot.ts` is built from them alone.
 */
export interface EarlyFormRecord {
  version: string
  locale: string
  path: string
  /** The start snapshot's text when the form was drawn. */
  snapshot: string
  title: string
  /** The stylesheets the form was drawn with: it is shown only when the page already links them all. */
  styles: string[]
  html: string
  /** Whether the page holds the offer to set a PIN: it must when the app would show it. */
  pinOffer: boolean
}

/** This build: the entry module's file name, which carries a hash of the app's code. */
export function buildVersion(doc: Document): string {
  return doc.querySelector(`meta[name="${ENTRY_META}"]`)?.getAttribute('content')
    ?? doc.querySelector('script[type="module"][src]')?.getAttribute('src')
    ?? ''
}

function isRecord(v: unknown): v is EarlyFormRecord {
  if (typeof v !== 'object' || v === null)
    return false
  const r = v as Record<string, unknown>
  return ['version', 'locale', 'path', 'snapshot', 'title', 'html'].every(k => typeof r[k] === 'string')
    && Array.isArray(r.styles) && r.styles.every(h => typeof h === 'string') && typeof r.pinOffer === 'boolean'
}

/** What a fresh start draws above the form for the snapshot, or null unless it names someone signed in on an unlocked tablet. */
function openSnapshot(text: string | null): { name: string, pinOffer: boolean } | null {
  try {
    const s = (text ? JSON.parse(text) : null) as Partial<StartSnapshot> | null
    if (typeof s !== 'object' || s === null || s.profile == null || s.locked !== false)
      return null
    const name = String(s.profile.name)
    return { name, pinOffer: offersPin(name, Array.isArray(s.staff) ? s.staff : []) }
  }
  catch {
    return null
  }
}

/**
 * The snapshot's person and PIN offer when a form may stand for it: someone signed in on an
 * unlocked tablet, with no draft of a new session (the app offers that first, above the form).
 */
function keepableFor(snapshot: string | null, storage: Storage | undefined): { name: string, pinOffer: boolean } | null {
  const open = openSnapshot(snapshot)
  return open && !draftsNoted(storage).includes(newSessionDraftKey(open.name)) ? open : null
}

/** Whether a form could be kept now (`keepableFor` the current snapshot). */
export function formCanBeKept(storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    return keepableFor(storage?.getItem(START_SNAPSHOT_KEY) ?? null, storage) !== null
  }
  catch {
    return false
  }
}

/** The stylesheets of the page now, in order. */
export function stylesheets(doc: Document): string[] {
  return [...doc.querySelectorAll('link[rel="stylesheet"][href]')].map(l => l.getAttribute('href')!)
}

/**
 * The record kept under `key` if it was drawn for the tablet as it is now (the snapshot, the PIN
 * offer, the language), whichever build drew it; null when there is none or it is stale.
 */
function freshRecord(key: string, storage: Storage | undefined): EarlyFormRecord | null {
  const text = storage?.getItem(key)
  const record: unknown = text ? JSON.parse(text) : null
  const snapshot = storage?.getItem(START_SNAPSHOT_KEY) ?? null
  // With a draft the app offers it first, above the form: the app draws it all, nothing moves.
  const open = keepableFor(snapshot, storage)
  if (!isRecord(record) || !open || record.snapshot !== snapshot || record.pinOffer !== open.pinOffer)
    return null
  return record.locale === savedLocale() ? record : null
}

/** The kept form for this page, or null when there is none or anything it was drawn from has changed. */
export function readEarlyForm(doc: Document, path: string, storage: Storage | undefined = globalThis.localStorage): EarlyFormRecord | null {
  try {
    const version = buildVersion(doc)
    const fits = (record: EarlyFormRecord | null) => record && version && record.version === version && record.path === path ? record : null
    // The second one only when this build's own does not fit: the first start of a new version.
    return fits(freshRecord(START_FORM_KEY, storage)) ?? fits(freshRecord(NEXT_FORM_KEY, storage))
  }
  catch {
    return null
  }
}

/** Whether a form drawn by another build than this one is kept for the tablet as it is now: a new version's. */
export function nextFormKept(doc: Document, storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    const record = freshRecord(NEXT_FORM_KEY, storage)
    return record !== null && record.version !== buildVersion(doc)
  }
  catch {
    return false
  }
}

/**
 * Keeps the form drawn for the current snapshot; nothing when that snapshot is not an open tablet,
 * when the page differs from a fresh start's above the form, or when it was drawn from another
 * snapshot (`drawnFrom`, when known). `next`: drawn by a new version that waits to take over.
 */
export function writeEarlyForm(record: Omit<EarlyFormRecord, 'snapshot' | 'locale'>, storage: Storage | undefined = globalThis.localStorage, drawnFrom?: string | null, next = false): void {
  try {
    const snapshot = storage?.getItem(START_SNAPSHOT_KEY) ?? null
    // Drawn for a snapshot that has changed since (the hidden frame's form, `keep-frame.ts`): not this tablet's form now.
    if (drawnFrom !== undefined && drawnFrom !== snapshot)
      return
    // A PIN offer put away with "Later" comes back at the next start: a page without it would move then.
    if (openSnapshot(snapshot)?.pinOffer !== record.pinOffer || !record.version)
      return
    const text = JSON.stringify({ ...record, locale: savedLocale(), snapshot })
    const key = next ? NEXT_FORM_KEY : START_FORM_KEY
    if (storage?.getItem(key) !== text)
      storage?.setItem(key, text)
  }
  catch {
    // Only a head start: without it the app draws the form itself.
  }
}
