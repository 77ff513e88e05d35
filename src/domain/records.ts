import * as v from 'valibot'
import { MUNICIPALITY_SLUGS } from './municipalities'

/** ISO 8601 timestamp with time zone, as `new Date().toISOString()` writes it. */
export const isoTimestamp = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/, 'invalidTimestamp'),
  v.check(s => !Number.isNaN(Date.parse(s)), 'invalidTimestamp'),
)

/** A staff account name (the CouchDB user name). */
export const staffName = v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(64, 'tooLong'))

export const municipality = v.picklist(MUNICIPALITY_SLUGS as [string, ...string[]], 'notAllowed')

/**
 * Fields every record carries. `_rev`, `_revisions`, `_conflicts` and attachments belong to the
 * storage layer and are allowed but not checked here.
 */
export const baseRecordEntries = {
  _id: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(200, 'tooLong')),
  _rev: v.optional(v.string()),
  schemaVersion: v.literal(1, 'unsupportedVersion'),
  createdAt: isoTimestamp,
  createdBy: staffName,
  updatedAt: isoTimestamp,
  municipality,
}

/** Storage keys that may appear on any document as PouchDB hands it over. */
export const STORAGE_KEYS = ['_rev', '_revisions', '_conflicts', '_deleted_conflicts', '_attachments', '_revs_info'] as const

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m)
    return false
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3])
}

export const isoDate = v.pipe(v.string('invalidType'), v.check(isRealDate, 'invalidDate'))
