import { savedLocale } from '../i18n/locale'
import { START_FORM_KEY, START_SNAPSHOT_KEY } from '../start-snapshot'
import { ENTRY_META } from './controls'

/*
 * The help-session form kept as HTML, so that a cold start shows a working form before the app's
 * code has run (`boot.ts`). It is shown only when everything it was drawn from is the same now:
 * the build (the entry script's hashed name), the language, the path and the start snapshot
 * (who is signed in, the lock, the rooms and categories), and only to a signed-in, unlocked
 * tablet. It holds a pristine form only: no resident, no draft, no typed value (`capture.ts`).
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
    && Array.isArray(r.styles) && r.styles.every(h => typeof h === 'string')
}

/** Whether the snapshot names someone signed in on an unlocked tablet. */
function openSnapshot(text: string | null): text is string {
  try {
    const s: unknown = text ? JSON.parse(text) : null
    return typeof s === 'object' && s !== null && (s as { profile?: unknown }).profile != null && (s as { locked?: unknown }).locked === false
  }
  catch {
    return false
  }
}

/** The stylesheets of the page now, in order. */
export function stylesheets(doc: Document): string[] {
  return [...doc.querySelectorAll('link[rel="stylesheet"][href]')].map(l => l.getAttribute('href')!)
}

/** The kept form for this page, or null when there is none or anything it was drawn from has changed. */
export function readEarlyForm(doc: Document, path: string, storage: Storage | undefined = globalThis.localStorage): EarlyFormRecord | null {
  try {
    const text = storage?.getItem(START_FORM_KEY)
    const record: unknown = text ? JSON.parse(text) : null
    const snapshot = storage?.getItem(START_SNAPSHOT_KEY) ?? null
    if (!isRecord(record) || !openSnapshot(snapshot) || record.snapshot !== snapshot)
      return null
    const version = buildVersion(doc)
    return version && record.version === version && record.path === path && record.locale === savedLocale() ? record : null
  }
  catch {
    return null
  }
}

/** Keeps the form drawn for the current snapshot; nothing when that snapshot is not an open tablet. */
export function writeEarlyForm(record: Omit<EarlyFormRecord, 'snapshot' | 'locale'>, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    const snapshot = storage?.getItem(START_SNAPSHOT_KEY) ?? null
    if (!openSnapshot(snapshot) || !record.version)
      return
    const text = JSON.stringify({ ...record, locale: savedLocale(), snapshot })
    if (storage?.getItem(START_FORM_KEY) !== text)
      storage?.setItem(START_FORM_KEY, text)
  }
  catch {
    // Only a head start: without it the app draws the form itself.
  }
}
