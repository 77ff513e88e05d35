import type { DeviceStaff } from './data'
import type { DeskCategory, DeskLocation, StaffProfile } from './domain'

/*
 * What the first screen needs, kept in localStorage so that a cold start draws the help-session
 * form without waiting for the data layer (its code and IndexedDB): who works on this tablet,
 * whether it is locked and who can unlock it, the rooms and question categories. Staff names,
 * roles and rooms only — never a resident, a PIN or its hash. The data layer stays the truth: once
 * loaded, `auth.restore()` reads the stored state and corrects the screen (see `start.ts`).
 * No imports at run time: `boot.ts` reads it before anything else runs.
 */
export interface StartSnapshot {
  profile: StaffProfile | null
  identity: StaffProfile | null
  locked: boolean
  staff: DeviceStaff[]
  locations: DeskLocation[]
  categories: DeskCategory[]
}

export const START_SNAPSHOT_KEY = 'digibalie.start.v1'
/**
 * The help-session form as last drawn pristine for this snapshot (`src/early-form/`): it stands
 * and falls with the snapshot, so it goes whenever the snapshot changes or is forgotten.
 */
export const START_FORM_KEY = 'digibalie.start-form.v1'
/**
 * The same, drawn by a new version while it waits to take over (`src/early-form/keep-frame.ts`),
 * so its first start shows the form too. Apart from this build's own, which a reload of this
 * build still needs until the new version takes over. Old and new versions share it: never renamed.
 */
export const NEXT_FORM_KEY = 'digibalie.start-form.next.v1'
/**
 * The keys of the drafts kept on this tablet, set and cleared with each draft as the data layer
 * tells them (`drafts.onKept`, followed in `stores/data.ts`): with a draft of the new help
 * session, the app offers it as the form opens, which would push a kept form down under the
 * volunteer's finger, so none is shown then. Keys only, never a value.
 */
export const START_DRAFTS_KEY = 'digibalie.start-drafts.v1'

/** The draft key of the new help-session form of one staff member (`useSessionDraft`). */
export const newSessionDraftKey = (staff: string) => `session-new:${staff}`

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isProfile = (v: unknown) => v === null || (isObject(v) && typeof v.name === 'string' && Array.isArray(v.roles) && Array.isArray(v.municipalities))

/**
 * Whether the app offers `name` to set a PIN (`AuthPinOffer`): someone remembered on this tablet
 * without one. The kept form holds that offer exactly when it applies, so it never moves the form.
 */
export function offersPin(name: string | undefined, staff: ReadonlyArray<Pick<DeviceStaff, 'name' | 'hasPin'>>): boolean {
  const me = staff.find(s => s.name === name)
  return me !== undefined && !me.hasPin
}

/** The snapshot of the last start, or null (none yet, storage blocked, or not of this shape). */
export function readStartSnapshot(): StartSnapshot | null {
  try {
    const text = globalThis.localStorage?.getItem(START_SNAPSHOT_KEY)
    const s: unknown = text ? JSON.parse(text) : null
    if (!isObject(s) || !isProfile(s.profile) || !isProfile(s.identity) || typeof s.locked !== 'boolean')
      return null
    if (!Array.isArray(s.staff) || !Array.isArray(s.locations) || !Array.isArray(s.categories))
      return null
    return s as unknown as StartSnapshot
  }
  catch {
    return null
  }
}

export function writeStartSnapshot(snapshot: StartSnapshot): void {
  try {
    const text = JSON.stringify(snapshot)
    const storage = globalThis.localStorage
    // Another person, a lock, a new room or category: the kept form no longer shows what the app
    // would draw, so it goes (the form keeps a new one the next time it opens pristine).
    if (storage?.getItem(START_SNAPSHOT_KEY) !== text || !snapshot.profile || snapshot.locked)
      forgetStartForm()
    storage?.setItem(START_SNAPSHOT_KEY, text)
  }
  catch {
    // Only a head start: without it the app waits for the data layer, as on a first start.
  }
}

/** The kept forms go alone when a default they show changes outside the snapshot (the room chosen last). */
export function forgetStartForm(): void {
  try {
    globalThis.localStorage?.removeItem(START_FORM_KEY)
    globalThis.localStorage?.removeItem(NEXT_FORM_KEY)
  }
  catch {
    // Nothing stored, nothing to forget.
  }
}

/** The keys of the drafts on this tablet, as last noted (`noteDraft`). */
export function draftsNoted(storage: Storage | undefined = globalThis.localStorage): string[] {
  try {
    const keys: unknown = JSON.parse(storage?.getItem(START_DRAFTS_KEY) ?? '[]')
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : []
  }
  catch {
    return []
  }
}

/** Notes whether a draft is kept under `key`; called with every write, read and removal of a draft. */
export function noteDraft(key: string, kept: boolean): void {
  try {
    const storage = globalThis.localStorage
    const keys = draftsNoted(storage).filter(k => k !== key)
    if (kept)
      keys.push(key)
    const text = JSON.stringify(keys)
    if (storage && storage.getItem(START_DRAFTS_KEY) !== text)
      storage.setItem(START_DRAFTS_KEY, text)
  }
  catch {
    // Without the note a kept form may show with a draft: the offer then moves it, nothing is lost.
  }
}

/** Clearing the tablet forgets it too, so the next start shows nobody's name; the kept form with it. */
export function forgetStartSnapshot(): void {
  forgetStartForm()
  try {
    globalThis.localStorage?.removeItem(START_DRAFTS_KEY)
    globalThis.localStorage?.removeItem(START_SNAPSHOT_KEY)
  }
  catch {
    // Nothing stored, nothing to forget.
  }
}
