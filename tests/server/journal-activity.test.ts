import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ACTIVITY_FLUSH_MS, Journal } from '../../sync-server/storage/journal'

// Sync activity (when an account last synced, what it pushed) is noted on every batch and
// checkpoint, gathered in memory and written together: never lost on a clean stop, never stale
// when the coordinators' overview reads it.

const dirs: string[] = []
afterEach(() => {
  vi.useRealTimers()
  dirs.splice(0).forEach(d => rmSync(d, { recursive: true, force: true }))
})

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dgb-journal-'))
  dirs.push(dir)
  return dir
}

describe('sync activity in the journal', () => {
  it('adds up the pushes of one account and database and keeps the last checkpoint time', () => {
    const journal = new Journal(dataDir())
    try {
      journal.noteSync('vera', 'dgb-m-arendonk', 100, false, '2026-11-29T10:00:00.000Z')
      journal.noteSync('vera', 'dgb-m-arendonk', 0, true, '2026-11-29T10:00:01.000Z')
      journal.noteSync('vera', 'dgb-m-arendonk', 40, false, '2026-11-29T10:00:02.000Z')
      journal.noteSync('vera', 'dgb-m-kasterlee', 5, false, '2026-11-29T10:00:03.000Z')
      expect(journal.tablets()).toEqual([{
        account: 'vera',
        lastSyncAt: '2026-11-29T10:00:03.000Z',
        docsPushed: 145,
        databases: [
          { db: 'dgb-m-arendonk', lastCheckpointAt: '2026-11-29T10:00:01.000Z' },
          { db: 'dgb-m-kasterlee', lastCheckpointAt: null },
        ],
      }])
      // Read again after more activity: added to what was written, not counted twice.
      journal.noteSync('vera', 'dgb-m-arendonk', 10, true, '2026-11-29T10:00:04.000Z')
      expect(journal.tablets()[0]).toMatchObject({ docsPushed: 155, lastSyncAt: '2026-11-29T10:00:04.000Z' })
    }
    finally {
      journal.close()
    }
  })

  it('is written within a second without being read, and on close', () => {
    vi.useFakeTimers()
    const dir = dataDir()
    const journal = new Journal(dir)
    // Another connection to the same file (the command-line tool) sees only what is written.
    const other = new Journal(dir)
    try {
      journal.noteSync('vera', 'dgb-m-arendonk', 100, true, '2026-11-29T10:00:00.000Z')
      expect(other.tablets()).toEqual([])
      vi.advanceTimersByTime(ACTIVITY_FLUSH_MS)
      expect(other.tablets()).toMatchObject([{ account: 'vera', docsPushed: 100 }])

      journal.noteSync('tom', 'dgb-m-arendonk', 7, false, '2026-11-29T10:00:01.000Z')
      journal.close()
      expect(other.tablets()).toMatchObject([{ account: 'tom', docsPushed: 7 }, { account: 'vera', docsPushed: 100 }])
    }
    finally {
      journal.close()
      other.close()
    }
  })
})
