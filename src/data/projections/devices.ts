import { DEVICE_KIND, validateDevice } from '../../domain'
import type { DeviceRecord } from '../lending/rows'
import type { Projection } from './types'

/** The lending inventory: one row per device, looked up by asset tag. */
export const deviceProjection: Projection<DeviceRecord> = {
  table: 'devices',
  indexes: 'id, db, &assetTag, municipality',
  toRow(db, doc) {
    if (doc.kind !== DEVICE_KIND)
      return null
    const result = validateDevice(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid device; not listed`)
      return null
    }
    const d = result.value
    const conflicts = doc._conflicts
    return {
      id: d._id,
      db,
      assetTag: d.assetTag,
      type: d.type,
      brand: d.brand,
      model: d.model,
      serial: d.serial,
      ...(d.specs ? { specs: d.specs } : {}),
      sourceKind: d.source.kind,
      ...(d.source.from ? { sourceFrom: d.source.from } : {}),
      accessories: [...d.accessories],
      ...(d.notes ? { notes: d.notes } : {}),
      municipality: d.municipality,
      createdBy: d.createdBy,
      conflicted: Array.isArray(conflicts) && conflicts.length > 0,
    }
  },
}
