import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Database } from '../../sync-server/storage/database'
import { readLocal, writeLocal } from '../../sync-server/storage/local'
import { writeDocs, writeDocsGrouped } from '../../sync-server/storage/write'

// Replication checkpoints (`_local`) are committed without waiting for the disk: losing the newest
// one only makes the next replication check a batch again. Documents must keep waiting for it.

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach(d => rmSync(d, { recursive: true, force: true })))

function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dgb-checkpoint-'))
  dirs.push(dir)
  return join(dir, 'db.sqlite')
}

/** SQLite's `synchronous` setting: 2 is FULL (fsync on every commit), 1 is NORMAL. */
const synchronous = (db: Database) => db.sql.pragma('synchronous', { simple: true })
const FULL = 2

describe('replication checkpoints', () => {
  it('are still there after a clean restart', () => {
    const path = file()
    const first = new Database('scratch', path)
    expect(writeLocal(first, '_local/replication-a', { last_seq: 10 })).toEqual({ ok: true, id: '_local/replication-a', rev: '0-1' })
    expect(writeLocal(first, '_local/replication-a', { _rev: '0-1', last_seq: 20 })).toMatchObject({ rev: '0-2' })
    first.close()
    const second = new Database('scratch', path)
    expect(readLocal(second, '_local/replication-a')).toEqual({ _id: '_local/replication-a', _rev: '0-2', last_seq: 20 })
    second.close()
  })

  it('leave document writes waiting for the disk (synchronous=FULL) before, between and after them', async () => {
    const db = new Database('scratch', file())
    try {
      expect(synchronous(db)).toBe(FULL)
      writeLocal(db, '_local/replication-b', { last_seq: 1 })
      expect(synchronous(db)).toBe(FULL)
      // A checkpoint inside a document batch (one `_bulk_docs` with both) commits with the documents.
      const written = writeDocs(db, [{ _id: 'doc-1' }, { _id: '_local/replication-b', _rev: '0-1', last_seq: 2 }], { newEdits: true, validate: () => null })
      expect(written.map(r => 'ok' in r)).toEqual([true, true])
      expect(synchronous(db)).toBe(FULL)
      // Concurrent writes share one group commit; the checkpoint between them changes nothing.
      const grouped = writeDocsGrouped(db, [{ _id: 'doc-2' }], { newEdits: true, validate: () => null })
      writeLocal(db, '_local/replication-b', { _rev: '0-2', last_seq: 3 })
      await grouped
      expect(synchronous(db)).toBe(FULL)
      expect(db.getDoc('doc-2')).toBeDefined()
      expect(readLocal(db, '_local/replication-b')?.last_seq).toBe(3)
    }
    finally {
      db.close()
    }
  })

  it('answer a document write only once the write-ahead log is flushed to the disk, without holding up the server', async () => {
    const db = new Database('scratch', file())
    try {
      const realSync = db.groups.syncLog.bind(db.groups)
      let flushed!: () => void
      const flushing = new Promise<void>(resolve => (flushed = resolve))
      db.groups.syncLog = () => flushing.then(realSync)
      let acknowledged = false
      const told: string[] = []
      const write = writeDocsGrouped(db, [{ _id: 'doc-3' }], { newEdits: true, validate: () => null, onWritten: w => told.push(...w.map(x => x.id)) })
        .then(() => (acknowledged = true))
      await new Promise(resolve => setImmediate(resolve))
      await new Promise(resolve => setImmediate(resolve))
      // Committed and readable by other requests while the disk works; nobody is told yet.
      expect(db.getDoc('doc-3')).toBeDefined()
      expect(acknowledged).toBe(false)
      expect(synchronous(db)).toBe(FULL)
      // The audit trail is written while the disk works (it describes a committed write), so the
      // answer does not wait for it after the flush.
      expect(told).toEqual(['doc-3'])
      flushed()
      await write
      expect(acknowledged).toBe(true)
    }
    finally {
      db.close()
    }
  })

  it('ask for the flush before the audit trail is written, so the disk and the audit work at the same time', async () => {
    const db = new Database('scratch', file())
    try {
      const realSync = db.groups.syncLog.bind(db.groups)
      const order: string[] = []
      db.groups.syncLog = () => {
        order.push('flush asked')
        return realSync().then(() => void order.push('flushed'))
      }
      await writeDocsGrouped(db, [{ _id: 'doc-4' }], { newEdits: true, validate: () => null, onWritten: () => void order.push('audit written') })
      order.push('answered')
      expect(order).toEqual(['flush asked', 'audit written', 'flushed', 'answered'])
    }
    finally {
      db.close()
    }
  })
})
