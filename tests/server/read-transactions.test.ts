import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Database } from '../../sync-server/storage/database'
import { writeDocs } from '../../sync-server/storage/write'
import { makeHelpSessions } from '../factories/help-session'
import { request, type Credentials } from './support/http'
import { type TestServer, startWithVera } from './support/server'

// Outside a transaction every SQLite statement takes and drops the file's read locks (system
// calls); a request that looks up 100 documents reads them in one read transaction instead.

describe('Database.read', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach(d => rmSync(d, { recursive: true, force: true })))
  const openDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'dgb-read-'))
    dirs.push(dir)
    return new Database('scratch', join(dir, 'db.sqlite'))
  }

  it('runs its reads in one transaction and leaves none open, also when they throw', () => {
    const db = openDb()
    writeDocs(db, [{ _id: 'a' }, { _id: 'b' }], { newEdits: true, validate: () => null })
    const seen = db.read(() => [db.sql.inTransaction, db.getDoc('a')?.id, db.getDoc('b')?.id])
    expect(seen).toEqual([true, 'a', 'b'])
    expect(db.sql.inTransaction).toBe(false)
    expect(() => db.read(() => {
      throw new Error('boom')
    })).toThrow('boom')
    expect(db.sql.inTransaction).toBe(false)
    db.close()
  })

  it('wakes every waiting feed inside one read transaction after a write', () => {
    const db = openDb()
    const woken: boolean[] = []
    for (let i = 0; i < 3; i++)
      db.changed.on('change', () => woken.push(db.sql.inTransaction && db.changes(0, 10).length === 1))
    writeDocs(db, [{ _id: 'a' }], { newEdits: true, validate: () => null })
    expect(woken).toEqual([true, true, true])
    expect(db.sql.inTransaction).toBe(false)
    db.close()
  })

  it('inside a write transaction reads what that transaction wrote so far', () => {
    const db = openDb()
    const found = db.transaction(() => {
      writeDocs(db, [{ _id: 'new' }], { newEdits: true, validate: () => null })
      return db.read(() => db.getDoc('new')?.id)
    })
    expect(found).toBe('new')
    expect(db.getDoc('new')).toBeDefined()
    db.close()
  })
})

describe('replication requests read their documents in one transaction', () => {
  const DB = 'dgb-m-arendonk'
  let t: TestServer
  let vera: Credentials
  beforeAll(async () => {
    ({ t, vera } = await startWithVera())
  })
  afterAll(() => t.stop())

  /** Whether each document lookup (or feed read) of `fn`'s requests ran inside a transaction. */
  async function lookups(fn: () => Promise<void>, method: 'getDoc' | 'changes' = 'getDoc'): Promise<boolean[]> {
    const seen: boolean[] = []
    const original = Database.prototype[method] as (this: Database, ...args: unknown[]) => unknown
    vi.spyOn(Database.prototype, method).mockImplementation(function (this: Database, ...args: unknown[]) {
      if (this.name === DB)
        seen.push(this.sql.inTransaction)
      return original.apply(this, args) as never
    })
    try {
      await fn()
    }
    finally {
      vi.restoreAllMocks()
    }
    return seen
  }

  it('_revs_diff, _bulk_docs, _bulk_get, _all_docs with keys and _changes', async () => {
    const docs = makeHelpSessions(50, { staff: 'vera' }).map((d, i) => ({ ...d, _rev: `1-${String(i).padStart(32, 'a')}`, _revisions: { start: 1, ids: [String(i).padStart(32, 'a')] } }))
    const post = async (path: string, body: unknown, status = 200) => {
      const res = await request(t.url, 'POST', `/${DB}/${path}`, { auth: vera, body })
      expect(res.status).toBe(status)
      return res.body
    }
    const diff = await lookups(() => post('_revs_diff', Object.fromEntries(docs.map(d => [d._id, [d._rev]]))).then(() => undefined))
    expect(diff).toHaveLength(50)
    expect(diff.every(Boolean)).toBe(true)

    const written = await lookups(async () => {
      expect(await post('_bulk_docs', { docs, new_edits: false }, 201)).toEqual([])
    })
    expect(written.length).toBeGreaterThanOrEqual(50)
    expect(written.every(Boolean)).toBe(true)

    const got = await lookups(async () => {
      const body = await post('_bulk_get?revs=true&latest=true', { docs: docs.map(d => ({ id: d._id, rev: d._rev })) }) as { results: { docs: { ok?: unknown }[] }[] }
      expect(body.results.every(r => r.docs[0]?.ok)).toBe(true)
    })
    expect(got).toHaveLength(50)
    expect(got.every(Boolean)).toBe(true)

    const keyed = await lookups(async () => {
      const body = await post('_all_docs?include_docs=true&conflicts=true', { keys: docs.map(d => d._id) }) as { rows: unknown[] }
      expect(body.rows).toHaveLength(50)
    })
    expect(keyed).toHaveLength(50)
    expect(keyed.every(Boolean)).toBe(true)

    const feed = await lookups(async () => {
      const res = await request(t.url, 'GET', `/${DB}/_changes?style=all_docs&include_docs=true&limit=100`, { auth: vera })
      expect((res.body as { results: unknown[], pending: number }).results).toHaveLength(50)
    }, 'changes')
    expect(feed.length).toBeGreaterThan(0)
    expect(feed.every(Boolean)).toBe(true)
  })
})
