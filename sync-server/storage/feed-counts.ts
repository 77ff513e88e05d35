import type BetterSqlite3 from 'better-sqlite3'

/** How many anchors to keep: one per client pulling at its own place in the feed is plenty. */
const MAX_ANCHORS = 64

/**
 * The counts a database reports on every replication request, without scanning for them each time.
 *
 * Totals (`doc_count`, `total_rows` of `_all_docs`, which PouchDB asks for every pulled batch) are
 * kept and adjusted by our own writes; they are counted again when another connection (the
 * command-line tool) commits, seen by `data_version`, or when a write could not tell what it replaced.
 *
 * `pending` of `_changes` (documents whose last change is after a sequence) walks the sequence
 * index, up to half the feed for a sequence in the middle: a pull of 100,000 documents spent
 * milliseconds per batch on it. A pull asks for it at the end of each batch, right after the one
 * before, so each answer is kept as an anchor and the next one counts only the rows between the
 * two (about one batch). Anchors hold while nothing is written (same last sequence and
 * `data_version`).
 */
export class FeedCounts {
  private totals: { live: number, deleted: number } | undefined
  private readonly anchors = new Map<number, number>()
  private validFor = ''
  private readonly stmts

  constructor(sql: BetterSqlite3.Database, private readonly lastSeq: () => number) {
    this.stmts = {
      counts: sql.prepare<[], { live: number | null, dead: number | null }>('SELECT SUM(deleted = 0) AS live, SUM(deleted = 1) AS dead FROM docs'),
      after: sql.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM docs WHERE seq > ?'),
      upTo: sql.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM docs WHERE seq <= ?'),
      between: sql.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM docs WHERE seq > ? AND seq <= ?'),
      dataVersion: sql.prepare<[], { data_version: number }>('PRAGMA data_version'),
    }
  }

  /** Live and deleted documents. */
  counts(): { live: number, deleted: number } {
    this.checkVersion()
    this.totals ??= this.countAll()
    return { ...this.totals }
  }

  /**
   * A document row was stored: `previous` is the row it replaced (null for a new document), so the
   * totals follow without a scan; undefined when unknown, and they are counted again.
   */
  stored(row: { deleted: boolean }, previous: { deleted: boolean } | null | undefined): void {
    this.anchors.clear()
    if (previous === undefined || !this.totals) {
      this.totals = undefined
      return
    }
    this.adjust(previous, -1)
    this.adjust(row, 1)
  }

  /** Something changed that the totals cannot follow (a purge, a rolled-back batch). */
  forget(): void {
    this.totals = undefined
    this.anchors.clear()
  }

  /** How many documents changed after `since`. */
  changesSince(since: number): number {
    const total = this.counts()
    const last = this.lastSeq()
    if (since <= 0)
      return total.live + total.deleted
    // The cheapest way to count: from the start of the feed, from its end, or from an anchor.
    let n: number
    const anchor = this.nearestAnchor(since)
    if (anchor && Math.abs(anchor.seq - since) < Math.min(since, last - since)) {
      n = since >= anchor.seq
        ? anchor.count - (this.stmts.between.get(anchor.seq, since)?.n ?? 0)
        : anchor.count + (this.stmts.between.get(since, anchor.seq)?.n ?? 0)
    }
    else if (since < last / 2) {
      n = total.live + total.deleted - (this.stmts.upTo.get(since)?.n ?? 0)
    }
    else {
      n = this.stmts.after.get(since)?.n ?? 0
    }
    if (this.anchors.size >= MAX_ANCHORS)
      this.anchors.delete(this.anchors.keys().next().value!)
    this.anchors.set(since, n)
    return n
  }

  private nearestAnchor(since: number): { seq: number, count: number } | undefined {
    let best: { seq: number, count: number } | undefined
    for (const [seq, count] of this.anchors) {
      if (!best || Math.abs(seq - since) < Math.abs(best.seq - since))
        best = { seq, count }
    }
    return best
  }

  /** Drops what another connection's commit (or a new sequence) may have made wrong. */
  private checkVersion(): void {
    const version = `${this.stmts.dataVersion.get()?.data_version ?? 0}:${this.lastSeq()}`
    if (version === this.validFor)
      return
    const otherConnection = this.validFor.split(':')[0] !== version.split(':')[0]
    if (otherConnection)
      this.totals = undefined
    this.anchors.clear()
    this.validFor = version
  }

  private countAll(): { live: number, deleted: number } {
    const row = this.stmts.counts.get()
    return { live: row?.live ?? 0, deleted: row?.dead ?? 0 }
  }

  private adjust(row: { deleted: boolean } | null, by: 1 | -1): void {
    if (row && this.totals) {
      if (row.deleted)
        this.totals.deleted += by
      else
        this.totals.live += by
    }
  }
}
