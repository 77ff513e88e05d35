import { DEVICE_EVENT_KIND, validateDeviceEvent } from '../../domain'
import type { DeviceEventRecord } from '../lending/rows'
import type { Projection } from './types'

/** Fields every event has; the rest of an event is its type-specific detail. */
const COMMON = new Set(['_id', '_rev', '_conflicts', '_revisions', 'kind', 'schemaVersion', 'createdAt', 'createdBy', 'updatedAt', 'municipality', 'assetTag', 'type', 'at', 'loanId', 'refurbishmentId', 'note'])

/** Device events, read per device in time order: the input of the status fold. */
export const deviceEventProjection: Projection<DeviceEventRecord> = {
  table: 'deviceEvents',
  indexes: 'id, db, [assetTag+at], loanId, type',
  toRow(db, doc) {
    if (doc.kind !== DEVICE_EVENT_KIND)
      return null
    const result = validateDeviceEvent(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid device event; not listed`)
      return null
    }
    const e = result.value
    const details = Object.fromEntries(Object.entries(e).filter(([key]) => !COMMON.has(key)))
    const loanId = 'loanId' in e && typeof e.loanId === 'string' ? e.loanId : undefined
    return {
      id: e._id,
      db,
      assetTag: e.assetTag,
      type: e.type,
      at: new Date(e.at).toISOString(),
      ...(loanId ? { loanId } : {}),
      ...(e.type === 'handed-out' ? { refurbishmentId: e.refurbishmentId } : {}),
      createdBy: e.createdBy,
      ...(e.note ? { note: e.note } : {}),
      details,
    }
  },
}
