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
 * - `inactiveDays` (residents) removes a person with no record of any kind naming them for that long;
 *   a running loan keeps its borrower active, a returned one until its return;
 * - `afterReturnDays` (loans, their extensions and home visits) removes them that long after the
 *   device of the loan came back (a `returned` or `lost` device event naming the loan); the signature
 *   goes with the loan, as its attachment. A loan still running is never removed.
 * Removed records are deleted first (tablets replicate deletions) and purged `graceDays` later.
 */
export interface RetentionPolicy {
  graceDays: number
  rules: { kind: string, field?: string, afterDays?: number, inactiveDays?: number, afterReturnDays?: number }[]
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  graceDays: 30,
  rules: [
    { kind: 'help-session', field: 'note', afterDays: 365 },
    { kind: 'attendance', field: 'note', afterDays: 365 },
    { kind: 'home-visit', field: 'note', afterDays: 365 },
    { kind: 'person', inactiveDays: 730 },
    // The controller's decision (docs/privacy.md): two years after the device came back.
    { kind: 'loan', afterReturnDays: 730 },
    { kind: 'loan-extension', afterReturnDays: 730 },
    { kind: 'home-visit', afterReturnDays: 730 },
  ],
}

export function loadRetentionPolicy(dataDir: string): RetentionPolicy {
  const file = join(dataDir, 'retention.json')
  if (!existsSync(file))
    return DEFAULT_RETENTION
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const days = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0)
  if (!isObject(raw) || !days(raw.graceDays) || !Array.isArray(raw.rules) || !raw.rules.every(r => isObject(r) && typeof r.kind === 'string'
    && (r.field === undefined || typeof r.field === 'string') && days(r.afterDays) && days(r.inactiveDays) && days(r.afterReturnDays)
    && (r.afterDays !== undefined || r.inactiveDays !== undefined || r.afterReturnDays !== undefined)))
    throw new Error(`${file}: expected {graceDays, rules: [{kind, field?, afterDays? | inactiveDays? | afterReturnDays?}]}`)
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

/** When each loan's device came back: the earliest `returned` or `lost` event naming the loan. */
function loanReturns(dbs: Database[]): Map<string, number> {
  const back = new Map<string, number>()
  for (const db of dbs) {
    for (const { deleted, doc } of winners(db)) {
      if (!deleted && doc.kind === 'device-event' && (doc.type === 'returned' || doc.type === 'lost') && typeof doc.loanId === 'string')
        back.set(doc.loanId, Math.min(back.get(doc.loanId) ?? Number.POSITIVE_INFINITY, dateOf(doc.at ?? doc.createdAt)))
    }
  }
  return back
}

/**
 * Latest activity per resident: the newest record of any kind that names them. A loan counts as
 * activity until its device comes back (a three-year loan keeps its borrower), so until now while
 * it runs.
 */
function lastActivity(dbs: Database[], returns: Map<string, number>, now: number): Map<string, number> {
  const last = new Map<string, number>()
  for (const db of dbs) {
    for (const { id, deleted, doc } of winners(db)) {
      if (deleted || typeof doc.personId !== 'string')
        continue
      const at = doc.kind === 'loan' ? Math.max(madeAt(doc), Math.min(returns.get(id) ?? now, now)) : madeAt(doc)
      last.set(doc.personId, Math.max(last.get(doc.personId) ?? 0, at))
    }
  }
  return last
}

/** When the loan a record belongs to came back (the loan itself, or an extension or visit naming it). */
function returnedAt(id: string, doc: Body, returns: Map<string, number>): number | undefined {
  return returns.get(doc.kind === 'loan' ? id : String(doc.loanId ?? ''))
}

const bump = (counts: Record<string, number>, kind: string, n = 1) => counts[kind] = (counts[kind] ?? 0) + n

/** Applies the policy to every database; with `dryRun` only counts. */
export function runRetention(registry: Registry, journal: Journal, policy: RetentionPolicy, opts: { now?: number, dryRun?: boolean } = {}): RetentionReport {
  const now = opts.now ?? Date.now()
  const at = new Date(now).toISOString()
  const report: RetentionReport = { fieldsRemoved: {}, recordsDeleted: {}, purged: 0 }
  const dbs = registry.names().filter(n => n !== USERS_DB).map(n => registry.get(n)!)
  const returns = policy.rules.some(r => r.inactiveDays !== undefined || r.afterReturnDays !== undefined) ? loanReturns(dbs) : new Map<string, number>()
  const activity = policy.rules.some(r => r.inactiveDays !== undefined) ? lastActivity(dbs, returns, now) : new Map<string, number>()

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
      const back = returnedAt(id, doc, returns)
      const expired = rules.some(r => (r.field === undefined && r.afterDays !== undefined && age > r.afterDays * DAY)
        || (r.inactiveDays !== undefined && now - Math.max(changedAt(doc), activity.get(id) ?? 0) > r.inactiveDays * DAY)
        || (r.afterReturnDays !== undefined && back !== undefined && now - back > r.afterReturnDays * DAY))
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
