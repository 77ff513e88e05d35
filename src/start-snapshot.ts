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

const KEY = 'digibalie.start.v1'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isProfile = (v: unknown) => v === null || (isObject(v) && typeof v.name === 'string' && Array.isArray(v.roles) && Array.isArray(v.municipalities))

/** The snapshot of the last start, or null (none yet, storage blocked, or not of this shape). */
export function readStartSnapshot(): StartSnapshot | null {
  try {
    const text = globalThis.localStorage?.getItem(KEY)
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
    globalThis.localStorage?.setItem(KEY, JSON.stringify(snapshot))
  }
  catch {
    // Only a head start: without it the app waits for the data layer, as on a first start.
  }
}

/** Clearing the tablet forgets it too, so the next start shows nobody's name. */
export function forgetStartSnapshot(): void {
  try {
    globalThis.localStorage?.removeItem(KEY)
  }
  catch {
    // Nothing stored, nothing to forget.
  }
}
