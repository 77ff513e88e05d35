import { collectLeaves, isDeleted, revExists, winningRev } from 'pouchdb-merge'
import type { Database } from '../storage/database'
import type { Registry } from '../storage/registry'

export interface IntegrityReport {
  db: string
  docs: number
  /** Each problem names a check and, at most, a document id: never a body. */
  problems: string[]
}

const MAX_PROBLEMS = 50

/**
 * Checks one database: SQLite's own `integrity_check`, then that every document's stored winner is
 * the one PouchDB's rules pick, that every leaf revision has its body, that sequences are unique,
 * and that the changes feed, read from the start, reaches every document exactly once.
 */
export function checkDatabase(db: Database): IntegrityReport {
  const problems: string[] = []
  const note = (p: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push(p)
  }
  const sqlite = db.sql.pragma('integrity_check') as { integrity_check: string }[]
  if (sqlite.length !== 1 || sqlite[0]!.integrity_check !== 'ok')
    note(`sqlite: ${sqlite.map(r => r.integrity_check).join('; ').slice(0, 500)}`)

  const total = (db.sql.prepare('SELECT COUNT(*) AS n FROM docs').get() as { n: number }).n
  const seen = new Set<string>()
  let lastSeq = 0
  for (let since = 0; ;) {
    const rows = db.changes(since, 500)
    if (rows.length === 0)
      break
    for (const row of rows) {
      if (row.seq <= lastSeq)
        note(`${row.id}: sequence ${row.seq} out of order`)
      lastSeq = row.seq
      if (seen.has(row.id))
        note(`${row.id}: twice in the changes feed`)
      seen.add(row.id)
      if (!revExists(row.rev_tree, row.winningRev))
        note(`${row.id}: winning revision not in its tree`)
      if (winningRev(row) !== row.winningRev)
        note(`${row.id}: stored winner differs from the computed one`)
      if (Boolean(isDeleted(row, row.winningRev)) !== row.deleted)
        note(`${row.id}: deleted flag differs from the tree`)
      for (const leaf of collectLeaves(row.rev_tree)) {
        if (!db.getRevBody(row.id, leaf.rev))
          note(`${row.id}: no body for leaf ${leaf.rev}`)
      }
    }
    since = rows[rows.length - 1]!.seq
  }
  if (seen.size !== total)
    note(`changes feed reaches ${seen.size} of ${total} documents`)
  if (lastSeq > db.updateSeq)
    note(`a sequence (${lastSeq}) beyond the database's update_seq (${db.updateSeq})`)
  return { db: db.name, docs: total, problems }
}

export function checkIntegrity(registry: Registry): IntegrityReport[] {
  return registry.names().map(name => checkDatabase(registry.get(name)!))
}
