import { validateDeskConfig, type CategoryConfig, type LocationConfig } from '../../domain'
import type { Projection } from './types'

/** A location or question category document of `dgb-config`, kept whole: there are a few dozen. */
export interface DeskConfigRecord {
  id: string
  db: string
  kind: 'location' | 'question-category'
  doc: LocationConfig | CategoryConfig
}

export const deskConfigProjection: Projection<DeskConfigRecord> = {
  table: 'deskConfig',
  indexes: 'id, db, kind',
  toRow(db, doc) {
    const result = validateDeskConfig(doc)
    if (!result)
      return null
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not valid desk configuration; ignored`)
      return null
    }
    const { _revisions: _r, _conflicts: _c, ...clean } = result.value as typeof result.value & { _revisions?: unknown, _conflicts?: unknown }
    return { id: result.value._id, db, kind: result.value.kind as DeskConfigRecord['kind'], doc: clean }
  },
}
