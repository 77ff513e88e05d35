import * as v from 'valibot'
import { isoTimestamp } from './records'
import { runSchema, type Validated } from './validation'

/**
 * What a tablet tells the server about itself each time it reaches it, so a coordinator sees which
 * room has not synced and what is still waiting there. Counts and times only: no record, resident
 * or note. The tablet's name and location are what a coordinator gave it when enrolling it.
 */
export const tabletReportSchema = v.strictObject({
  /** Chosen once by the tablet (`tablet-<random>`); it survives sign-outs, not clearing the tablet. */
  tabletId: v.pipe(v.string(), v.regex(/^tablet-[0-9A-Za-z]{8,40}$/, 'invalidId')),
  name: v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(60, 'tooLong'))),
  /** A location id (`loc-<municipality>-<room>`) from the desk configuration, or null before enrolment. */
  location: v.nullable(v.pipe(v.string(), v.regex(/^loc-[a-z0-9-]{1,80}$/, 'invalidId'))),
  /** Records this tablet holds that the server has not got: waiting, refused or not yet sent. */
  unsynced: v.pipe(v.number(), v.integer('notInteger'), v.minValue(0, 'tooSmall'), v.maxValue(10_000_000, 'tooLarge')),
  /** When every database was last in step with the server, by the tablet's clock; null if never. */
  lastSyncedAt: v.nullable(isoTimestamp),
})

export type TabletReport = v.InferOutput<typeof tabletReportSchema>

/** A tablet's last report as the server keeps it: with the account it synced as, and when it came. */
export interface TabletSeen extends TabletReport {
  account: string
  reportedAt: string
}

export function validateTabletReport(input: unknown): Validated<TabletReport> {
  return runSchema(tabletReportSchema, input)
}

/** A tablet not heard of for this many days is flagged in the overview. */
export const TABLET_STALE_DAYS = 3

/** Whole days between a tablet's last sync and `now`; a tablet that never synced counts as stale. */
export function daysSinceSync(lastSyncedAt: string | null, now: Date): number {
  if (lastSyncedAt === null)
    return Number.POSITIVE_INFINITY
  return Math.max(0, Math.floor((now.getTime() - Date.parse(lastSyncedAt)) / 86_400_000))
}

/** Tablets that have been silent longest first, never-synced ones at the top. */
export function byLongestSilence<T extends { lastSyncedAt: string | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.lastSyncedAt ?? '').localeCompare(b.lastSyncedAt ?? ''))
}
