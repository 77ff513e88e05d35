import { EventEmitter } from 'node:events'
import { statSync } from 'node:fs'
import type BetterSqlite3 from 'better-sqlite3'
import { toDocRow, type DocRow, type RawDocRow } from './doc-row'
import { FeedCounts } from './feed-counts'
import { GroupCommit } from './group-commit'
import { openSqlite } from './sqlite'

export type { DocRow } from './doc-row'

export interface SecurityObject {
  admins: { names: string[], roles: string[] }
  members: { names: string[], roles: string[] }
}

export type Body = Record<string, unknown>

/** CouchDB's default for a database nobody configured: only server admins may use it. */
export const ADMIN_ONLY_SECURITY: SecurityObject = {
  admins: { names: [], roles: [] },
  members: { names: [], roles: ['_admin'] },
}

export const DEFAULT_REVS_LIMIT = 1000

/** Most values `remember` keeps per database. */
const MAX_REMEMBERED = 1000

/** Freezes an object and everything in it: a remembered value is shared by every request. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value))
      deepFreeze(inner)
  }
  return value
}

/**
 * One database: one SQLite file. Every method is synchronous (better-sqlite3), so a request's
 * read-check-write sequence cannot interleave with another request's in this process.
 * `changed` fires after each committed write, waking `_changes` long-polls.
 */
export class Database {
  readonly changed = new EventEmitter()
  readonly sql: BetterSqlite3.Database
  private seq: number
  private readonly stmts
  private readonly feedCounts: FeedCounts
  /** The queue of `grouped` writes. */
  readonly groups: GroupCommit
  /** Counts this connection's changes to documents and settings (see `remember`). */
  private generation = 0
  private readonly memo = new Map<string, { stamp: string, value: unknown }>()

  constructor(readonly name: string, readonly file: string) {
    this.sql = openSqlite(file)
    this.changed.setMaxListeners(0)
    const s = this.sql
    this.stmts = {
      getDoc: s.prepare<[string], RawDocRow>('SELECT id, seq, winning_rev, deleted, rev_tree FROM docs WHERE id = ?'),
      putDoc: s.prepare('INSERT OR REPLACE INTO docs (id, seq, winning_rev, deleted, rev_tree) VALUES (?, ?, ?, ?, ?)'),
      getRev: s.prepare<[string, string], { body: string }>('SELECT body FROM revs WHERE id = ? AND rev = ?'),
      putRev: s.prepare('INSERT OR REPLACE INTO revs (id, rev, body) VALUES (?, ?, ?)'),
      delRev: s.prepare('DELETE FROM revs WHERE id = ? AND rev = ?'),
      since: s.prepare<[number, number], RawDocRow>('SELECT id, seq, winning_rev, deleted, rev_tree FROM docs WHERE seq > ? ORDER BY seq LIMIT ?'),
      before: s.prepare<[number, number], RawDocRow>('SELECT id, seq, winning_rev, deleted, rev_tree FROM docs WHERE seq < ? ORDER BY seq DESC LIMIT ?'),
      maxSeq: s.prepare<[], { m: number | null }>('SELECT MAX(seq) AS m FROM docs'),
      delDoc: s.prepare('DELETE FROM docs WHERE id = ?'),
      getLocal: s.prepare<[string], { rev: string, body: string }>('SELECT rev, body FROM local_docs WHERE id = ?'),
      putLocal: s.prepare('INSERT OR REPLACE INTO local_docs (id, rev, body) VALUES (?, ?, ?)'),
      delLocal: s.prepare('DELETE FROM local_docs WHERE id = ?'),
      getMeta: s.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      putMeta: s.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      getAtt: s.prepare<[string], { data: Buffer }>('SELECT data FROM attachments WHERE digest = ?'),
      putAtt: s.prepare('INSERT OR IGNORE INTO attachments (digest, data) VALUES (?, ?)'),
      begin: s.prepare('BEGIN'),
      commit: s.prepare('COMMIT'),
      syncNormal: s.prepare('PRAGMA synchronous = NORMAL'),
      syncFull: s.prepare('PRAGMA synchronous = FULL'),
      dataVersion: s.prepare<[], { data_version: number }>('PRAGMA data_version'),
    }
    this.seq = this.stmts.maxSeq.get()?.m ?? 0
    this.feedCounts = new FeedCounts(s, () => this.seq)
    this.groups = new GroupCommit(`${file}-wal`, {
      commit: fn => this.relaxed(() => this.transaction(fn)),
      savepoint: fn => this.sql.transaction(fn)(),
      // Its savepoint is rolled back; counts it adjusted are counted again.
      failed: () => {
        this.feedCounts.forget()
        this.changedHere()
      },
    })
  }

  get updateSeq(): number {
    return this.seq
  }

  /** Hands out the next sequence number; only called inside a write transaction. */
  nextSeq(): number {
    this.seq += 1
    return this.seq
  }

  /** Re-reads the sequence after a rolled-back transaction that may have consumed numbers. */
  resyncSeq(): void {
    this.seq = this.stmts.maxSeq.get()?.m ?? 0
  }

  getDoc(id: string): DocRow | undefined {
    const row = this.stmts.getDoc.get(id)
    return row && toDocRow(row)
  }

  /**
   * Stores a document's metadata. `previous` is the row it replaces (null for a new document), so
   * the counts stay right without a scan; left out, they are counted again on the next call.
   */
  putDoc(row: DocRow, previous?: { deleted: boolean } | null): void {
    this.changedHere()
    this.stmts.putDoc.run(row.id, row.seq, row.winningRev, row.deleted ? 1 : 0, JSON.stringify(row.rev_tree))
    this.feedCounts.stored(row, previous)
  }

  /** Removes a document's metadata entirely (a purge of its last revision). */
  deleteDoc(id: string): void {
    this.changedHere()
    this.stmts.delDoc.run(id)
    this.feedCounts.forget()
  }

  /** A stored revision body as its JSON text, for answers that copy it without parsing it. */
  getRevText(id: string, rev: string): string | undefined {
    return this.stmts.getRev.get(id, rev)?.body
  }

  getRevBody(id: string, rev: string): Body | undefined {
    const row = this.stmts.getRev.get(id, rev)
    return row && JSON.parse(row.body) as Body
  }

  putRevBody(id: string, rev: string, body: Body): void {
    this.changedHere()
    this.stmts.putRev.run(id, rev, JSON.stringify(body))
  }

  deleteRevBody(id: string, rev: string): void {
    this.changedHere()
    this.stmts.delRev.run(id, rev)
  }

  /** Documents changed after `since`, oldest first (or before `since`, newest first). */
  changes(since: number, limit: number, descending = false): DocRow[] {
    const rows = descending ? this.stmts.before.all(since, limit) : this.stmts.since.all(since, limit)
    return rows.map(toDocRow)
  }

  /** How many documents changed after `since` (`pending` of every `_changes` answer). */
  countChangesSince(since: number): number {
    return this.feedCounts.changesSince(since)
  }

  counts(): { live: number, deleted: number } {
    return this.feedCounts.counts()
  }

  getLocal(id: string): { rev: string, body: Body } | undefined {
    const row = this.stmts.getLocal.get(id)
    return row && { rev: row.rev, body: JSON.parse(row.body) as Body }
  }

  /**
   * Checkpoints are written after every replication batch. Losing the last one on a power cut only
   * means replicating that batch again, so it skips the fsync (`synchronous=NORMAL` for this one
   * statement); the next document commit fsyncs the log, checkpoint included, in order.
   */
  putLocal(id: string, rev: string, body: Body): void {
    this.relaxed(() => this.stmts.putLocal.run(id, rev, JSON.stringify(body)))
  }

  deleteLocal(id: string): void {
    this.relaxed(() => this.stmts.delLocal.run(id))
  }

  private relaxed(fn: () => void): void {
    if (this.sql.inTransaction) {
      fn()
      return
    }
    // Prepared once: `pragma()` compiles its statement on every call, twice per batch and checkpoint.
    this.stmts.syncNormal.run()
    try {
      fn()
    }
    finally {
      this.stmts.syncFull.run()
    }
  }

  /**
   * Runs `fn`'s reads in one read transaction. Outside a transaction every statement is its own,
   * and in WAL mode each takes and drops the file's read locks (system calls): ~10 µs per lookup,
   * against ~2 µs inside one. A `_revs_diff` or `_bulk_get` of 100 documents reads 100-200 rows.
   * Inside a transaction already, `fn` simply runs in it.
   */
  read<T>(fn: () => T): T {
    if (this.sql.inTransaction)
      return fn()
    this.stmts.begin.run()
    try {
      return fn()
    }
    finally {
      if (this.sql.inTransaction)
        this.stmts.commit.run()
    }
  }

  getAttachment(digest: string): Buffer | undefined {
    return this.stmts.getAtt.get(digest)?.data
  }

  putAttachment(digest: string, data: Buffer): void {
    this.stmts.putAtt.run(digest, data)
  }

  /** Read on every request (the access checks): parsed once, until it changes. Do not modify it. */
  get security(): SecurityObject {
    return this.remember('security', () => {
      const raw = this.stmts.getMeta.get('security')?.value
      return raw ? deepFreeze(JSON.parse(raw) as SecurityObject) : ADMIN_ONLY_SECURITY
    })
  }

  set security(value: SecurityObject) {
    this.changedHere()
    this.stmts.putMeta.run('security', JSON.stringify(value))
  }

  /** How many purges this database has seen (CouchDB's `purge_seq`). */
  get purgeSeq(): number {
    return Number(this.stmts.getMeta.get('purge_seq')?.value ?? 0)
  }

  set purgeSeq(value: number) {
    this.changedHere()
    this.stmts.putMeta.run('purge_seq', String(value))
  }

  get revsLimit(): number {
    const raw = this.stmts.getMeta.get('revs_limit')?.value
    return raw ? Number(raw) : DEFAULT_REVS_LIMIT
  }

  set revsLimit(value: number) {
    this.changedHere()
    this.stmts.putMeta.run('revs_limit', String(value))
  }

  /**
   * Runs `fn` in one SQLite write transaction (committed durably before it returns). It starts
   * with the write lock held (`BEGIN IMMEDIATE`) and re-reads the last sequence, so the command-line
   * tool may write to a database while the server runs without the two handing out one number twice.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.sql.transaction(() => {
        this.resyncSeq()
        return fn()
      }).immediate()
    }
    catch (error) {
      // A rolled-back batch may have adjusted the counts already.
      this.feedCounts.forget()
      this.changedHere()
      this.resyncSeq()
      throw error
    }
  }

  /**
   * Runs `fn` in a write transaction shared with every other `grouped` write queued in this turn
   * of the event loop, and resolves once that transaction is on the disk (one flush for the whole
   * group, waited for off the event loop: `group-commit.ts`). Each write runs in its own savepoint,
   * so one that throws is undone and rejected alone; the others still commit. Writes run in the
   * order they were queued. `committed` runs once the transaction has committed, before the flush
   * is waited for.
   */
  grouped<T>(fn: () => T, committed?: (value: T) => void): Promise<T> {
    return this.groups.run(fn, committed)
  }

  /**
   * A value computed from this database (an account, the security object) and kept while nothing
   * could have changed it: every change through this connection counts (`generation`), and
   * another connection's commit (the command-line tool disabling an account while the server runs)
   * changes SQLite's `data_version`. Checking both costs one pragma, against a read transaction,
   * the lookups and a JSON parse. Inside a transaction nothing is kept: it may still roll back.
   */
  remember<T>(key: string, compute: () => T): T {
    if (this.sql.inTransaction)
      return compute()
    const stamp = `${this.stmts.dataVersion.get()?.data_version ?? 0}:${this.generation}`
    const hit = this.memo.get(key)
    if (hit?.stamp === stamp)
      return hit.value as T
    // Keys come from requests (an account name in a cookie): keep the map small.
    if (this.memo.size >= MAX_REMEMBERED)
      this.memo.clear()
    const value = compute()
    this.memo.set(key, { stamp, value })
    return value
  }

  /** Something changed through this connection that `remember` must not keep across. */
  private changedHere(): void {
    this.generation++
  }

  notify(): void {
    // Nobody waits (a push with no pull open): no read transaction to open.
    if (this.changed.listenerCount('change') === 0)
      return
    // Every waiting `_changes` feed looks up what changed: 50 tablets' feeds, 50 lookups per
    // write, in one read transaction.
    this.read(() => this.changed.emit('change', this.seq))
  }

  fileSize(): number {
    try {
      return statSync(this.file).size
    }
    catch {
      return 0
    }
  }

  close(): void {
    this.changed.emit('close')
    this.changed.removeAllListeners()
    if (this.sql.open)
      this.sql.close()
    this.groups.close()
  }
}
