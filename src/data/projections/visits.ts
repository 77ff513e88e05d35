import { HOME_VISIT_KIND, validateHomeVisit } from '../../domain'
import type { HomeVisitRecord } from '../lending/rows'
import type { Projection } from './types'

/** Home-support visits, read per loan and per resident. */
export const homeVisitProjection: Projection<HomeVisitRecord> = {
  table: 'homeVisits',
  indexes: 'id, db, loanId, personId',
  toRow(db, doc) {
    if (doc.kind !== HOME_VISIT_KIND)
      return null
    const result = validateHomeVisit(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid home visit; not listed`)
      return null
    }
    const v = result.value
    return {
      id: v._id, db, loanId: v.loanId, personId: v.personId, date: v.date, staff: v.staff,
      topic: v.topic, durationMinutes: v.durationMinutes, outcome: v.outcome, ...(v.note ? { note: v.note } : {}),
    }
  },
}
