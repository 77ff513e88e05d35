import Dexie, { type Table } from 'dexie'
import type { MunicipalitySlug, StaffProfile } from '../domain'
import { PROJECTIONS } from './projections'
import type { AttendanceRecord } from './projections/attendance'
import type { CourseSessionRecord } from './projections/course-sessions'
import type { CourseRecord } from './projections/courses'
import type { EnrolmentRecord } from './projections/enrolments'
import type { DeskConfigRecord } from './projections/desk-config'
import type { AppSettingsRecord } from './projections/app-settings'
import type { PersonRecord } from './projections/people'
import type { DraftRecord } from './drafts'
import type { ServerIdMemo } from './pouch'

/** Bump when a projection's table or indexes change: the read model is then rebuilt. */
export const READ_MODEL_VERSION = 2

/**
 * A help session as stored in the read model. `at` is `startedAt` normalised to UTC
 * (`toISOString`), so that string order is time order whatever offset or precision the document
 * used; every list index ends in it. `db` names the PouchDB database the row was projected from.
 */
export interface SessionRecord {
  id: string
  rev: string
  db: string
  municipality: MunicipalitySlug
  location: string
  startedAt: string
  at: string
  /** The resident's id; absent for an anonymous walk-in. */
  personId?: string
  categories: string[]
  helpMode: string
  outcome: string
  referral?: string
  /** `YYYY-MM-DD`: the day a follow-up is due. */
  followUp?: string
  /** `YYYY-MM-DD`: the day the follow-up was done; it then leaves the desk's follow-up list. */
  followUpDone?: string
  durationMinutes: number
  note?: string
  createdBy: string
  updatedAt: string
  conflicted: boolean
}

export type { PersonRecord, DeskConfigRecord, DraftRecord }

/** How far the projector has read a local database's changes feed. */
export interface Checkpoint {
  db: string
  seq: number | string
}

/**
 * A write made on this device that the server has not confirmed yet. Written before the PouchDB
 * put (an intent, `rev` still null), so a crash between the two is found and cleaned up on start.
 */
export interface OutboxEntry {
  id: string
  db: string
  rev: string | null
  queuedAt: string
  /** Set when the server refused the document; the entry is then kept for the user to see. */
  refusedReason?: string
}

export interface StoredProfile extends StaffProfile {
  key: 'current'
  signedInAt: string
}

/** Device-local key/value state that never syncs, e.g. `lastSyncedAt`. */
export interface SyncMeta {
  key: string
  value: string
}

/** The server's uuid remembered in `syncMeta`, so a replication keeps its name (and checkpoint). */
export function serverIdIn(rm: ReadModel): ServerIdMemo {
  const key = 'server.uuid'
  return {
    get: async () => (await rm.syncMeta.get(key))?.value,
    set: async (uuid) => { await rm.syncMeta.put({ key, value: uuid }) },
  }
}

/**
 * The Dexie database of one device. `sessions` and `checkpoints` are derived from PouchDB and may
 * be dropped at any time (`Projector.rebuild`); a schema change to them is a new version whose
 * upgrade clears both, never a data migration. `outbox`, `profile` and `syncMeta` are device state.
 */
export class ReadModel extends Dexie {
  sessions!: Table<SessionRecord, string>
  checkpoints!: Table<Checkpoint, string>
  outbox!: Table<OutboxEntry, string>
  profile!: Table<StoredProfile, string>
  syncMeta!: Table<SyncMeta, string>
  courses!: Table<CourseRecord, string>
  courseSessions!: Table<CourseSessionRecord, string>
  enrolments!: Table<EnrolmentRecord, string>
  attendance!: Table<AttendanceRecord, string>
  people!: Table<PersonRecord, string>
  deskConfig!: Table<DeskConfigRecord, string>
  /** The Digibank's settings set by coordinators (one row). */
  appSettings!: Table<AppSettingsRecord, string>
  /** Half-filled forms of this device; never synced, kept until saved or thrown away. */
  drafts!: Table<DraftRecord, string>
  /** Staff who signed in online on this tablet once: name, roles, PIN hash (device state, never synced). */
  staff!: Table<import('./staff-directory').StaffEntry, string>

  constructor(name: string) {
    super(name)
    // Derived tables come from the projections; a change to any of them is a new version whose
    // upgrade drops the derived rows and checkpoints, so the projector rebuilds them from PouchDB.
    const derived = Object.fromEntries(PROJECTIONS.map(p => [p.table, p.indexes]))
    this.version(READ_MODEL_VERSION).stores({
      ...derived,
      checkpoints: 'db',
      outbox: 'id, db',
      profile: 'key',
      syncMeta: 'key',
      drafts: 'key, staff',
      staff: 'name',
    }).upgrade(async (tx) => {
      for (const p of PROJECTIONS)
        await tx.table(p.table).clear()
      await tx.table('checkpoints').clear()
    })
  }
}
