import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compact } from '../../sync-server/storage/compact'
import { Database } from '../../sync-server/storage/database'
import { purgeDoc } from '../../sync-server/storage/purge'
import { writeDocs, writeDocsGrouped } from '../../sync-server/storage/write'
import { collect, type ChangesQuery } from '../../sync-server/http/changes-query'

// `counts()` is kept between calls (a pull asks `_all_docs` for total_rows on every batch); these
// check it against a fresh count after each kind of write, including one by another connection.

const dirs: string[] = []
const open: Database[] = []
afterEach(() => {
  open.splice(0).forEach(db => db.close())
  dirs.splice(0).forEach(d => rmSync(d, { recursive: true, force: true }))
})

function openDb(file?: string): Database {
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'dgb-counts-'))
    dirs.push(dir)
    file = join(dir, 'db.sqlite')
  }
  const db = new Database('scratch', file)
  open.push(db)
  return db
}

const write = (db: Database, docs: object[], newEdits = true) => writeDocs(db, docs, { newEdits, validate: () => null })
/** What a count from scratch says, through a connection that kept nothing. */
const fresh = (db: Database) => {
  const other = openDb(db.file)
  return other.counts()
}

describe('document counts', () => {
  it('follow creates, updates, deletions, refused writes, purges and compaction', () => {
    const db = openDb()
    expect(db.counts()).toEqual({ live: 0, deleted: 0 })
    const [a] = write(db, [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]) as { rev: string }[]
    expect(db.counts()).toEqual({ live: 3, deleted: 0 })
    write(db, [{ _id: 'a', _rev: a!.rev, n: 2 }])
    expect(db.counts()).toEqual({ live: 3, deleted: 0 })
    const b = db.getDoc('b')!
    write(db, [{ _id: 'b', _rev: b.winningRev, _deleted: true }, { _id: 'c', _rev: '1-0000', n: 1 }])
    expect(db.counts()).toEqual({ live: 2, deleted: 1 })
    // A conflicting branch that revives a deleted document (replicated, new_edits=false).
    write(db, [{ _id: 'b', _rev: '2-ffff', _revisions: { start: 2, ids: ['ffff', b.winningRev.slice(2)] } }], false)
    expect(db.counts()).toEqual(fresh(db))
    expect(db.counts()).toEqual({ live: 3, deleted: 0 })
    purgeDoc(db, 'c')
    expect(db.counts()).toEqual({ live: 2, deleted: 0 })
    compact(db)
    expect(db.counts()).toEqual(fresh(db))
  })

  it('see a write by another connection to the same file (the command-line tool)', () => {
    const server = openDb()
    write(server, [{ _id: 'a' }])
    expect(server.counts()).toEqual({ live: 1, deleted: 0 })
    const tool = openDb(server.file)
    write(tool, [{ _id: 'b' }, { _id: 'c' }])
    expect(server.counts()).toEqual({ live: 3, deleted: 0 })
  })

  it('are counted again after a batch that rolled back', () => {
    const db = openDb()
    write(db, [{ _id: 'a' }])
    expect(db.counts().live).toBe(1)
    expect(() => db.transaction(() => {
      write(db, [{ _id: 'b' }])
      throw new Error('rolled back')
    })).toThrow('rolled back')
    expect(db.counts()).toEqual({ live: 1, deleted: 0 })
  })

  it('give the pending count of _changes from either side of the feed, with gaps left by updates', () => {
    const db = openDb()
    const revs = write(db, Array.from({ length: 10 }, (_, i) => ({ _id: `d${i}` }))) as { rev: string }[]
    // Updating every third document moves it to the end of the feed and leaves gaps behind.
    write(db, [0, 3, 6, 9].map(i => ({ _id: `d${i}`, _rev: revs[i]!.rev, n: 2 })))
    const direct = (since: number) => (db.sql.prepare('SELECT COUNT(*) AS n FROM docs WHERE seq > ?').get(since) as { n: number }).n
    for (let since = 0; since <= db.updateSeq + 1; since++)
      expect(db.countChangesSince(since), `since ${since}`).toBe(direct(since))
  })

  it('keep pending exact while a client walks the feed batch by batch, with writes in between', () => {
    // Each answer is kept to count the next batch's pending from; a write must not leave it stale.
    const db = openDb()
    const tool = openDb(db.file)
    const revs = write(db, Array.from({ length: 40 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}` }))) as { rev: string }[]
    const direct = (since: number) => (db.sql.prepare('SELECT COUNT(*) AS n FROM docs WHERE seq > ?').get(since) as { n: number }).n
    const last = () => (db.sql.prepare('SELECT MAX(seq) AS m FROM docs').get() as { m: number }).m
    for (let since = 0; since <= last() + 1; since += 3) {
      expect(db.countChangesSince(since), `since ${since}`).toBe(direct(since))
      if (since === 9)
        write(db, [{ _id: 'd01', _rev: revs[1]!.rev, n: 2 }])
      if (since === 18)
        write(tool, [{ _id: 'e1' }, { _id: 'e2' }])
      if (since === 27)
        purgeDoc(db, 'd30')
    }
    for (let since = last() + 1; since >= 0; since -= 4)
      expect(db.countChangesSince(since), `since ${since} going back`).toBe(direct(since))
  })
})

describe('group commit of concurrent writes', () => {
  it('commits the writes of one turn in one transaction, in order, each seeing the ones before', async () => {
    const db = openDb()
    const outer = vi.spyOn(db, 'transaction')
    const opts = { newEdits: true, validate: () => null }
    const [first, second, third] = await Promise.all([
      writeDocsGrouped(db, [{ _id: 'x', n: 1 }], opts),
      writeDocsGrouped(db, [{ _id: 'x', n: 2 }], opts),
      writeDocsGrouped(db, [{ _id: 'y' }], opts),
    ])
    expect(outer).toHaveBeenCalledTimes(1)
    expect(first![0]).toMatchObject({ ok: true, id: 'x' })
    // The second saw the first's document: a new edit without its rev is a conflict.
    expect(second![0]).toMatchObject({ id: 'x', error: 'conflict', status: 409 })
    expect(third![0]).toMatchObject({ ok: true, id: 'y' })
    expect(fresh(db)).toEqual({ live: 2, deleted: 0 })
  })

  it('undoes and rejects only the write that failed; the others commit', async () => {
    const db = openDb()
    const opts = { newEdits: true, validate: () => null }
    const failing = db.grouped(() => {
      db.putRevBody('z', '1-abc', { half: 'written' })
      throw new Error('storage failed')
    })
    const ok = writeDocsGrouped(db, [{ _id: 'w' }], opts)
    await expect(failing).rejects.toThrow('storage failed')
    expect((await ok)[0]).toMatchObject({ ok: true, id: 'w' })
    expect(db.getRevBody('z', '1-abc')).toBeUndefined()
    expect(db.counts()).toEqual({ live: 1, deleted: 0 })
  })
})

describe('changes feed pages', () => {
  it('walks the feed in pages of any limit, with and without a filter, leaving nothing out', () => {
    const db = openDb()
    const revs = write(db, Array.from({ length: 1200 }, (_, i) => ({ _id: `d${String(i).padStart(4, '0')}` }))) as { rev: string }[]
    write(db, [5, 600, 1100].map(i => ({ _id: `d${String(i).padStart(4, '0')}`, _rev: revs[i]!.rev, n: 2 })))
    const base: ChangesQuery = { since: 0, limit: 0, descending: false, allDocs: true, includeDocs: false, conflicts: false, attachments: false, filter: undefined }
    const odd: ChangesQuery['filter'] = row => Number(row.id.slice(1)) % 2 === 1
    for (const [limit, filter, expected] of [[7, undefined, 1200], [500, undefined, 1200], [501, undefined, 1200], [7, odd, 600], [499, odd, 600]] as const) {
      const seen: string[] = []
      let since = 0
      for (;;) {
        const page = collect(db, { ...base, limit, filter }, since, limit)
        if (page.results.length === 0)
          break
        expect(page.results.length).toBeLessThanOrEqual(limit)
        seen.push(...page.results.map(r => r.id))
        since = page.lastSeq
      }
      expect(new Set(seen).size, `limit ${limit}${filter ? ' filtered' : ''}`).toBe(expected)
      expect(seen).toHaveLength(expected)
    }
  })
})
