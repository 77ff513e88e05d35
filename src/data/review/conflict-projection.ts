import type { Projection } from '../projections/types'

/**
 * Every document that holds conflicting revisions, whatever its kind: the inbox lists these
 * without scanning 100,000 rows. It sits beside the kind's own projection, so a session in
 * conflict is both a session row and a conflict row; once resolved, its conflict row goes.
 */
export interface ConflictRecord {
  id: string
  db: string
  kind: string
  /** Leaves besides the winner. */
  losers: number
}

export const conflictProjection: Projection<ConflictRecord> = {
  table: 'conflicts',
  indexes: 'id, db, kind',
  alongside: true,
  toRow(db, doc) {
    const conflicts = doc._conflicts
    if (!Array.isArray(conflicts) || conflicts.length === 0 || typeof doc._id !== 'string')
      return null
    return { id: doc._id, db, kind: typeof doc.kind === 'string' ? doc.kind : '', losers: conflicts.length }
  },
}
