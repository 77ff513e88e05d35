import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { USERS_DB } from '../auth/users'
import { isObject } from '../storage/attachments'
import type { Body, Database } from '../storage/database'
import type { Journal } from '../storage/journal'
import { purgeDoc } from '../storage/purge'
import type { Registry } from '../storage/registry'
import { serverWrite, tombstone } from './server-writes'

/**
 * How long Digibalie keeps what (docs/privacy.md explains why). A server setting: `retention.json`
 * in the data folder replaces these defaults.
 * - `field` rules drop one free-text field from records older than `afterDays`;
 * - `afterDays` rules without a field remove whole records;
 * - `inactiveDays` (residents) removes a person with no record of any kind naming them for that long.
 * Removed records are deleted first (tablets replicate deletions) and purged `graceDays` later.
 */
export interface RetentionPolicy {
  graceDays: number
  rules: { kind: string, field?: string, afterDays?: number, inactiveDays?: number }[]
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  graceDays: 30,
  rules: [
    { kind: 'help-session', field: 'note', afterDays: 365 },
    { kind: 'attendance', field: 'note', afterDays: 365 },
    { kind: 'home-visit', field: 'note', afterDays: 365 },
    { kind: 'person', inactiveDays: 730 },
  ],
}

export function loadRetentionPolicy(dataDir: string): RetentionPolicy {
  const file = join(dataDir, 'retention.json')
  if (!existsSync(file))
    return DEFAULT_RETENTION
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const days = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0)
  if (!isObject(raw) || !days(raw.graceDays) || !Array.isArray(raw.rules) || !raw.rules.every(r => isObject(r) && typeof r.kind === 'string'
    && (r.field === undefined || typeof r.field === 'string') && days(r.afterDays) && days(r.inactiveDays) && (r.afterDays !== undefined || r.inactiveDays !== undefined)))
    throw new Error(`${file}: expected {graceDays, rules: [{kind, field?, afterDays? | inactiveDays?}]}`)
  return { graceDays: (raw.graceDays as number | undefined) ?? DEFAULT_RETENTION.graceDays, rules: raw.rules as RetentionPolicy['rules'] }
}

/** What a run removed, or would remove: counts per record kind, never ids or names. */
export interface RetentionReport {
  fieldsRemoved: Record<string, number>
  recordsDeleted: Record<string, number>
  purged: number
}

const DAY = 86_400_000
const ACCOUNT = 'retention'

function dateOf(value: unknown): number {
  const t = Date.parse(String(value ?? ''))
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t
}

/** A record's age counts from when it was made; a later edit (or a removed note) does not renew it. */
const madeAt = (doc: Body) => dateOf(doc.createdAt ?? doc.updatedAt)
/** A resident's own record counts as activity whenever staff last changed it. */
const changedAt = (doc: Body) => dateOf(doc.updatedAt ?? doc.createdAt)

function* winners(db: Database): Generator<{ id: string, rev: string, deleted: boolean, doc: Body }> {
  for (let since = 0; ;) {
    const rows = db.changes(since, 500)
    if (rows.length === 0)
      return
    for (const row of rows) {
      const doc = db.getRevBody(row.id, row.winningRev)
      if (doc)
        yield { id: row.id, rev: row.winningRev, deleted: row.deleted, doc }
    }
    since = rows[rows.length - 1]!.seq
  }
}

/** Latest activity per resident: the newest record of any kind that names them. */
function lastActivity(dbs: Database[]): Map<string, number> {
  const last = new Map<string, number>()
  for (const db of dbs) {
    for (const { deleted, doc } of winners(db)) {
      if (!deleted && typeof doc.personId === 'string')
        last.set(doc.personId, Math.max(last.get(doc.personId) ?? 0, madeAt(doc)))
    }
  }
  return last
}

const bump = (counts: Record<string, number>, kind: string, n = 1) => counts[kind] = (counts[kind] ?? 0) + n

/** Applies the policy to every database; with `dryRun` only counts. */
export function runRetention(registry: Registry, journal: Journal, policy: RetentionPolicy, opts: { now?: number, dryRun?: boolean } = {}): RetentionReport {
  const now = opts.now ?? Date.now()
  const at = new Date(now).toISOString()
  const report: RetentionReport = { fieldsRemoved: {}, recordsDeleted: {}, purged: 0 }
  const dbs = registry.names().filter(n => n !== USERS_DB).map(n => registry.get(n)!)
  const activity = policy.rules.some(r => r.inactiveDays !== undefined) ? lastActivity(dbs) : new Map<string, number>()

  for (const db of dbs) {
    const writes: Body[] = []
    const purges: string[] = []
    for (const { id, rev, deleted, doc } of winners(db)) {
      const removed = isObject(doc.removed) ? Date.parse(String(doc.removed.at)) : Number.NaN
      if (deleted) {
        if (removed <= now - policy.graceDays * DAY)
          purges.push(id)
        continue
      }
      const kind = typeof doc.kind === 'string' ? doc.kind : ''
      const rules = policy.rules.filter(r => r.kind === kind)
      const age = now - madeAt(doc)
      const expired = rules.some(r => (r.field === undefined && r.afterDays !== undefined && age > r.afterDays * DAY)
        || (r.inactiveDays !== undefined && now - Math.max(changedAt(doc), activity.get(id) ?? 0) > r.inactiveDays * DAY))
      if (expired) {
        bump(report.recordsDeleted, kind)
        writes.push(tombstone(id, rev, 'retention', at))
        continue
      }
      const fields = rules.filter(r => r.field !== undefined && r.afterDays !== undefined && age > r.afterDays * DAY && doc[r.field] !== undefined).map(r => r.field!)
      if (fields.length > 0) {
        fields.forEach(f => bump(report.fieldsRemoved, `${kind}.${f}`))
        const kept = Object.fromEntries(Object.entries(doc).filter(([k]) => !fields.includes(k)))
        writes.push({ ...kept, _id: id, _rev: rev, updatedAt: at })
      }
    }
    report.purged += purges.length
    if (opts.dryRun)
      continue
    serverWrite(db, journal, ACCOUNT, 'update', writes.filter(w => w._deleted !== true))
    serverWrite(db, journal, ACCOUNT, 'delete', writes.filter(w => w._deleted === true))
    if (purges.length > 0) {
      db.transaction(() => purges.forEach(id => purgeDoc(db, id)))
      journal.record(purges.map(id => ({ account: ACCOUNT, db: db.name, id, rev: null, kind: null, action: 'purge' as const })))
      db.notify()
    }
  }
  return report
}
