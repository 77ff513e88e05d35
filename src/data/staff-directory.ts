import { checkPin, PIN_MAX_ATTEMPTS, pinAttemptsLeft, type MunicipalitySlug, type PinIssue, type StaffProfile, type StaffRole } from '../domain'
import type { ReadModel } from './read-model'
import { hashPin, verifyPin, type PinHash } from './staff-pin'

/**
 * Someone who signed in online on this tablet once. Enough to unlock offline and to stamp their
 * records: name, roles, municipalities and a PIN hash. Never the password.
 */
export interface StaffEntry {
  name: string
  roles: StaffRole[]
  municipalities: MunicipalitySlug[]
  pin?: PinHash
  /** Wrong PINs in a row; reset by a right PIN or an online sign-in. */
  failedPins: number
  lastOnlineAt: string
}

/** What the lock screen may show of a staff entry: no roles, no hash. */
export interface DeviceStaff {
  name: string
  hasPin: boolean
  /** Too many wrong PINs: only an online sign-in with the password opens it again. */
  blocked: boolean
}

export type UnlockResult
  = | { ok: true, profile: StaffProfile }
    | { ok: false, reason: 'wrong', attemptsLeft: number }
    | { ok: false, reason: 'blocked' | 'noPin' | 'unknown' }

export interface DeviceState {
  locked: boolean
  /** The account whose cookie the browser holds: replication runs as this person. */
  identity: StaffProfile | null
}

const KEYS = { identity: 'syncIdentity', locked: 'locked' } as const

function profileOf(entry: StaffEntry): StaffProfile {
  return { name: entry.name, roles: entry.roles, municipalities: entry.municipalities }
}

/**
 * The staff of one shared tablet and its lock. The active person (who stamps records) is the
 * stored profile; the sync identity is whoever signed in online last, and stays until someone
 * else does, so replication keeps its cookie across user switches.
 */
export class StaffDirectory {
  constructor(private readonly rm: ReadModel) {}

  /** An online sign-in: remembers the person, unblocks their PIN and makes them the sync identity. */
  async signedInOnline(profile: StaffProfile): Promise<void> {
    await this.rm.transaction('rw', [this.rm.staff, this.rm.syncMeta], async () => {
      const known = await this.rm.staff.get(profile.name)
      await this.rm.staff.put({ ...known, ...profile, failedPins: 0, lastOnlineAt: new Date().toISOString() })
      await this.rm.syncMeta.put({ key: KEYS.identity, value: profile.name })
      await this.rm.syncMeta.put({ key: KEYS.locked, value: 'false' })
    })
  }

  async list(): Promise<DeviceStaff[]> {
    const entries = await this.rm.staff.toArray()
    return entries
      .map(e => ({ name: e.name, hasPin: e.pin !== undefined, blocked: e.failedPins >= PIN_MAX_ATTEMPTS }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Sets the PIN of someone remembered here; the rule comes from the domain. */
  async setPin(name: string, pin: string): Promise<PinIssue | null> {
    const issue = checkPin(pin)
    if (issue)
      return issue
    const hashed = await hashPin(pin)
    const updated = await this.rm.staff.update(name, { pin: hashed, failedPins: 0 })
    if (updated === 0)
      throw new Error('Only someone who signed in on this tablet can set a PIN here')
    return null
  }

  async unlock(name: string, pin: string): Promise<UnlockResult> {
    const entry = await this.rm.staff.get(name)
    if (!entry)
      return { ok: false, reason: 'unknown' }
    if (entry.failedPins >= PIN_MAX_ATTEMPTS)
      return { ok: false, reason: 'blocked' }
    if (!entry.pin)
      return { ok: false, reason: 'noPin' }
    if (!await verifyPin(pin, entry.pin)) {
      // Counted in one transaction on the stored value, so two quick tries both count.
      let failed = 0
      await this.rm.transaction('rw', this.rm.staff, async () => {
        const now = await this.rm.staff.get(name)
        failed = (now?.failedPins ?? 0) + 1
        await this.rm.staff.update(name, { failedPins: failed })
      })
      return failed >= PIN_MAX_ATTEMPTS ? { ok: false, reason: 'blocked' } : { ok: false, reason: 'wrong', attemptsLeft: pinAttemptsLeft(failed) }
    }
    const profile = profileOf(entry)
    await this.rm.transaction('rw', [this.rm.staff, this.rm.profile, this.rm.syncMeta], async () => {
      await this.rm.staff.update(name, { failedPins: 0 })
      await this.rm.profile.put({ key: 'current', ...profile, signedInAt: new Date().toISOString() })
      await this.rm.syncMeta.put({ key: KEYS.locked, value: 'false' })
    })
    return { ok: true, profile }
  }

  async lock(): Promise<void> {
    await this.rm.syncMeta.put({ key: KEYS.locked, value: 'true' })
  }

  async state(): Promise<DeviceState> {
    const [identityName, locked] = await this.rm.syncMeta.bulkGet([KEYS.identity, KEYS.locked])
    const entry = identityName ? await this.rm.staff.get(identityName.value) : undefined
    return { locked: locked?.value === 'true', identity: entry ? profileOf(entry) : null }
  }

  /**
   * Forgets one person on this tablet: their entry and PIN go; their records stay. Returns whether
   * they were the sync identity, whose cookie the caller must drop as well.
   */
  async forget(name: string): Promise<boolean> {
    return this.rm.transaction('rw', [this.rm.staff, this.rm.profile, this.rm.syncMeta], async () => {
      await this.rm.staff.delete(name)
      const active = await this.rm.profile.get('current')
      if (active?.name === name)
        await this.rm.profile.delete('current')
      const identity = await this.rm.syncMeta.get(KEYS.identity)
      const wasIdentity = identity?.value === name
      if (wasIdentity)
        await this.rm.syncMeta.delete(KEYS.identity)
      // Whoever else is remembered here unlocks with their PIN; nobody left means a plain sign-in.
      await this.rm.syncMeta.put({ key: KEYS.locked, value: String(await this.rm.staff.count() > 0) })
      return wasIdentity
    })
  }
}
