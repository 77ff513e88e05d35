import { HELP_SESSION_KIND, validateHelpSession } from '../../domain'
import type { SessionRecord } from '../read-model'
import type { Projection } from './types'

/**
 * Help sessions: listed by time, by location, by municipality and by author; by resident (their
 * history at the desk) and by location and follow-up day (the desk's "follow-ups due" list).
 */
export const sessionProjection: Projection<SessionRecord> = {
  table: 'sessions',
  indexes: 'id, db, at, [municipality+at], [location+at], [createdBy+at], personId, [location+followUp]',
  toRow(db, doc) {
    if (doc.kind !== HELP_SESSION_KIND)
      return null
    const result = validateHelpSession(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid help session; not listed`)
      return null
    }
    const s = result.value
    const conflicts = doc._conflicts
    return {
      id: s._id,
      rev: String(doc._rev),
      db,
      municipality: s.municipality as SessionRecord['municipality'],
      location: s.location,
      startedAt: s.startedAt,
      at: new Date(s.startedAt).toISOString(),
      ...(s.personId === undefined ? {} : { personId: s.personId }),
      categories: s.categories,
      helpMode: s.helpMode,
      outcome: s.outcome,
      ...(s.referral === undefined ? {} : { referral: s.referral }),
      ...(s.followUp === undefined ? {} : { followUp: s.followUp }),
      ...(s.followUpDone === undefined ? {} : { followUpDone: s.followUpDone }),
      durationMinutes: s.durationMinutes,
      ...(s.note === undefined ? {} : { note: s.note }),
      createdBy: s.createdBy,
      updatedAt: s.updatedAt,
      conflicted: Array.isArray(conflicts) && conflicts.length > 0,
    }
  },
}
