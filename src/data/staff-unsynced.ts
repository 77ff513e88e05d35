import { idKind } from '../domain'
import type { PouchStore } from './pouch'
import type { OutboxEntry } from './read-model'

/** A record this tablet still owes the server, with who made it. */
export interface UnsyncedRecord {
  id: string
  /** The id's kind (`session`, `person`, ...), to name what would be lost. */
  kind: string
  /** `createdBy` of the local document; null for a tombstone or a record without one. */
  author: string | null
  refusedReason?: string
}

/** How many records wait for whom, and of what kind: what the sign-out guard and clearing name. */
export interface UnsyncedSummary {
  total: number
  byAuthor: Array<{ name: string, count: number }>
  byKind: Array<{ kind: string, count: number }>
}

/**
 * Finds the author of each outbox entry in its local document: `createdBy`, which for shared
 * records names the writer of that revision. A revision never changes, so an author is looked up
 * once per id and revision and cached.
 */
export class UnsyncedRecords {
  private readonly authors = new Map<string, string | null>()

  constructor(private readonly pouch: PouchStore) {}

  /** The writer of a revision says who made it, so it need not be looked up in PouchDB. */
  remember(id: string, rev: string, author: string | null): void {
    this.authors.set(`${id}@${rev}`, author)
  }

  async describe(entries: readonly OutboxEntry[]): Promise<UnsyncedRecord[]> {
    const unknown = new Map<string, string[]>()
    for (const e of entries) {
      if (!this.authors.has(key(e)))
        unknown.set(e.db, [...(unknown.get(e.db) ?? []), e.id])
    }
    for (const [db, ids] of unknown) {
      const res = await this.pouch.local(db).allDocs({ keys: ids, include_docs: true })
      for (const row of res.rows) {
        // An intent is noted before its put: no document yet means "ask again", not "nobody".
        if ('error' in row)
          continue
        const doc = row.doc as { createdBy?: unknown } | null | undefined
        const entry = entries.find(e => e.db === db && e.id === row.key)
        if (entry)
          this.authors.set(key(entry), typeof doc?.createdBy === 'string' ? doc.createdBy : null)
      }
    }
    return entries.map(e => ({
      id: e.id,
      kind: idKind(e.id) || 'other',
      author: this.authors.get(key(e)) ?? null,
      ...(e.refusedReason === undefined ? {} : { refusedReason: e.refusedReason }),
    }))
  }
}

function key(e: OutboxEntry): string {
  return `${e.id}@${e.rev ?? ''}`
}

/** Counts records by author and by kind, biggest first. */
export function summarise(records: readonly UnsyncedRecord[]): UnsyncedSummary {
  const count = (keys: string[]) => [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return {
    total: records.length,
    byAuthor: count(records.flatMap(r => r.author ? [r.author] : [])).map(([name, n]) => ({ name, count: n })),
    byKind: count(records.map(r => r.kind)).map(([kind, n]) => ({ kind, count: n })),
  }
}
