import type { MunicipalitySlug } from '../domain'

/** What the session list asks for. Dates are local calendar days (`YYYY-MM-DD`), both inclusive. */
export interface SessionFilter {
  municipalities?: MunicipalitySlug[]
  location?: string
  from?: string
  to?: string
  createdBy?: string
  /** One resident's sessions. */
  personId?: string
  /** Exactly these sessions (the other criteria still apply). */
  ids?: string[]
  limit?: number
}

/** One help session as the UI shows it: flattened from its document, plus its sync state on this device. */
export interface SessionRow {
  id: string
  rev: string
  municipality: MunicipalitySlug
  location: string
  startedAt: string
  /** The resident's id; absent for an anonymous walk-in. */
  personId?: string
  categories: string[]
  helpMode: string
  outcome: string
  referral?: string
  /** `YYYY-MM-DD`: the day a follow-up is due. */
  followUp?: string
  durationMinutes: number
  note?: string
  createdBy: string
  updatedAt: string
  /** Written on this device and not yet confirmed by the server. */
  pending: boolean
  /** The server refused the write (validation or rights); the record stays here, flagged. */
  refusedReason?: string
  /** The document has conflicting revisions that still need a resolution. */
  conflicted: boolean
}

export type SyncState = 'stopped' | 'syncing' | 'synced' | 'offline' | 'unauthorized' | 'error'

export interface SyncStatus {
  state: SyncState
  /** Records waiting to be pushed (refused ones are counted in `refused`, not here). */
  pending: number
  lastSyncedAt: string | null
  refused: Array<{ id: string, reason: string }>
  /**
   * Records made here by someone other than the sync identity: the server only takes them from
   * their author, so they wait for that person's next online sign-in. Never refused, never lost.
   */
  waiting: Array<{ name: string, count: number }>
}

/** A resident as the desk's search lists them: enough to recognise someone, nothing more. */
export interface PersonRow {
  id: string
  firstName: string
  lastName: string
  postcode: string
  birthYear?: number
  /** The registration has conflicting revisions that still need a resolution. */
  conflicted: boolean
  /** Written on this device and not yet confirmed by the server. */
  pending: boolean
}
