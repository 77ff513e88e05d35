import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { AuditEntry } from '../../src/domain'
import type { TabletSeen } from '../../src/domain'
import { openSqlite } from './sqlite'

/** One line of the audit trail (who changed which document, never what it says) is a domain type. */
export type { AuditAction, AuditEntry } from '../../src/domain'

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'>

/**
 * Which part of the audit trail to read: after `since` (oldest first, for following it), or newest
 * first before `before` (for a screen that pages back in time); every filter is optional. `from`
 * and `to` compare with the entry's ISO time, so `to` may be a day (`2026-11-29`, up to its end).
 */
export interface AuditQuery {
  limit: number
  since?: number
  before?: number
  newestFirst?: boolean
  db?: string
  account?: string
  kind?: string
  from?: string
  to?: string
}

export interface TabletActivity {
  account: string
  lastSyncAt: string
  docsPushed: number
  databases: { db: string, lastCheckpointAt: string | null }[]
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  account TEXT,
  db TEXT NOT NULL,
  id TEXT NOT NULL,
  rev TEXT,
  kind TEXT,
  action TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_db ON audit(db, seq);
-- The coordinators' screen filters by account, record kind and time, newest first: without these a
-- rare kind or one day a year back scans the whole trail (bench/audit-query.ts: ~50-90 ms at 300,000).
CREATE INDEX IF NOT EXISTS audit_by_account ON audit(account, seq);
CREATE INDEX IF NOT EXISTS audit_by_kind ON audit(kind, seq);
CREATE INDEX IF NOT EXISTS audit_by_at ON audit(at);
CREATE TABLE IF NOT EXISTS sync_activity (
  account TEXT NOT NULL,
  db TEXT NOT NULL,
  last_at TEXT NOT NULL,
  last_checkpoint_at TEXT,
  docs_pushed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account, db)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tablet_reports (
  tablet_id TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  name TEXT,
  location TEXT,
  unsynced INTEGER NOT NULL,
  last_synced_at TEXT,
  reported_at TEXT NOT NULL
) WITHOUT ROWID;
`

/**
 * The server's own records about its use, in `audit.sqlite` next to the databases: the audit trail
 * (document ids, revisions, record kinds, accounts and times: no bodies, so no resident's data) and
 * when each account last synced. Entries are written right after the write they describe commits,
 * in the same synchronous step, so nothing else can run between the two.
 */
/** How long sync activity may wait in memory before it is written (see `noteSync`). */
export const ACTIVITY_FLUSH_MS = 1000

interface PendingActivity { account: string, db: string, at: string, checkpointAt: string | null, pushed: number }

export class Journal {
  private readonly sql: BetterSqlite3.Database
  private readonly stmts
  private readonly pending = new Map<string, PendingActivity>()
  private flushTimer: NodeJS.Timeout | undefined

  constructor(dataDir: string) {
    // Written after every batch and every replication checkpoint: an fsync each time cost a pull of
    // 100,000 documents a sixth of its time. In WAL mode `NORMAL` still survives a killed server;
    // only a power cut may lose the last entries, whose documents are themselves fsynced.
    this.sql = openSqlite(join(dataDir, 'audit.sqlite'), SCHEMA, 'NORMAL')
    const s = this.sql
    this.stmts = {
      add: s.prepare('INSERT INTO audit (at, account, db, id, rev, kind, action) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      activity: s.prepare(`INSERT INTO sync_activity (account, db, last_at, last_checkpoint_at, docs_pushed) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (account, db) DO UPDATE SET last_at = excluded.last_at,
          last_checkpoint_at = COALESCE(excluded.last_checkpoint_at, last_checkpoint_at),
          docs_pushed = docs_pushed + excluded.docs_pushed`),
      tablets: s.prepare<[], { account: string, db: string, last_at: string, last_checkpoint_at: string | null, docs_pushed: number }>('SELECT * FROM sync_activity ORDER BY account, db'),
      report: s.prepare(`INSERT OR REPLACE INTO tablet_reports (tablet_id, account, name, location, unsynced, last_synced_at, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      reports: s.prepare<[], TabletSeen>(`SELECT tablet_id AS tabletId, account, name, location, unsynced, last_synced_at AS lastSyncedAt, reported_at AS reportedAt
        FROM tablet_reports ORDER BY last_synced_at`),
    }
  }

  record(entries: readonly NewAuditEntry[], at = new Date().toISOString()): void {
    if (entries.length === 0)
      return
    this.sql.transaction(() => {
      for (const e of entries)
        this.stmts.add.run(at, e.account, e.db, e.id, e.rev, e.kind, e.action)
    })()
  }

  /** Entries matching `q`; values are bound as parameters, never put into the SQL text. */
  entries(q: AuditQuery): AuditEntry[] {
    const where = ['seq > ?']
    const params: (string | number)[] = [q.since ?? 0]
    const add = (clause: string, value: string | number | undefined) => {
      if (value !== undefined) {
        where.push(clause)
        params.push(value)
      }
    }
    add('seq < ?', q.before)
    add('db = ?', q.db)
    add('account = ?', q.account)
    add('kind = ?', q.kind)
    add('at >= ?', q.from)
    // A day as the upper bound includes that whole day.
    add('at < ?', q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? `${q.to}T99` : q.to)
    const sql = `SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY seq ${q.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`
    return this.sql.prepare<(string | number)[], AuditEntry>(sql).all(...params, q.limit)
  }

  /**
   * A sync by `account` on `db`: documents it pushed, and whether it wrote a checkpoint. Noted on
   * every `_bulk_docs` and checkpoint of a replication (two a batch), so it is gathered in memory
   * and written at most `ACTIVITY_FLUSH_MS` later, in one transaction, and before it is read: a
   * write of its own each time cost every batch two commits. Only a crash within that second can
   * lose it, and it is the time of a last sync, not a record: the next sync notes it again.
   */
  noteSync(account: string, db: string, docsPushed: number, checkpoint: boolean, at = new Date().toISOString()): void {
    const key = `${account}\u0000${db}`
    const seen = this.pending.get(key)
    if (seen) {
      seen.at = at
      seen.checkpointAt = checkpoint ? at : seen.checkpointAt
      seen.pushed += docsPushed
    }
    else {
      this.pending.set(key, { account, db, at, checkpointAt: checkpoint ? at : null, pushed: docsPushed })
    }
    this.flushTimer ??= setTimeout(() => this.flushActivity(), ACTIVITY_FLUSH_MS).unref()
  }

  /** Writes the sync activity gathered by `noteSync`. */
  flushActivity(): void {
    clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    if (this.pending.size === 0 || !this.sql.open)
      return
    const rows = [...this.pending.values()]
    this.pending.clear()
    this.sql.transaction(() => {
      for (const r of rows)
        this.stmts.activity.run(r.account, r.db, r.at, r.checkpointAt, r.pushed)
    })()
  }

  tablets(): TabletActivity[] {
    this.flushActivity()
    const byAccount = new Map<string, TabletActivity>()
    for (const row of this.stmts.tablets.all()) {
      const t = byAccount.get(row.account) ?? { account: row.account, lastSyncAt: row.last_at, docsPushed: 0, databases: [] }
      t.docsPushed += row.docs_pushed
      if (row.last_at > t.lastSyncAt)
        t.lastSyncAt = row.last_at
      t.databases.push({ db: row.db, lastCheckpointAt: row.last_checkpoint_at })
      byAccount.set(row.account, t)
    }
    return [...byAccount.values()]
  }

  /** The latest word of one tablet replaces its earlier ones: only the current state is kept. */
  reportTablet(report: Omit<TabletSeen, 'reportedAt'>, at = new Date().toISOString()): void {
    this.stmts.report.run(report.tabletId, report.account, report.name, report.location, report.unsynced, report.lastSyncedAt, at)
  }

  tabletReports(): TabletSeen[] {
    return this.stmts.reports.all()
  }

  close(): void {
    this.flushActivity()
    if (this.sql.open)
      this.sql.close()
  }
}
