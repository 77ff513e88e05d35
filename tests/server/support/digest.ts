import { createHash } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'

const TABLES: Record<string, string> = {
  docs: 'SELECT id, seq, winning_rev, deleted, rev_tree FROM docs ORDER BY id',
  revs: 'SELECT id, rev, body FROM revs ORDER BY id, rev',
  local_docs: 'SELECT id, rev, body FROM local_docs ORDER BY id',
  attachments: 'SELECT digest, length(data) AS size FROM attachments ORDER BY digest',
  meta: 'SELECT key, value FROM meta ORDER BY key',
}

/**
 * A fingerprint of everything stored in a data folder: every database's documents, revision trees,
 * revision bodies, checkpoints, attachments and settings. Read-only, so it can run next to a
 * live server (WAL lets readers in while it writes).
 */
export function digestDataDir(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'db')
  const out: Record<string, string> = {}
  for (const file of readdirSync(dir).filter(f => f.endsWith('.sqlite')).sort()) {
    const db = new BetterSqlite3(join(dir, file), { readonly: true, fileMustExist: true })
    try {
      const hash = createHash('sha256')
      for (const [table, sql] of Object.entries(TABLES)) {
        hash.update(`\u0000${table}\u0000`)
        for (const row of db.prepare(sql).iterate())
          hash.update(JSON.stringify(row))
      }
      out[file] = hash.digest('hex')
    }
    finally {
      db.close()
    }
  }
  return out
}
