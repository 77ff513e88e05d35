import { APP_SETTINGS_KIND, validateAppSettings, type AppSettingsDoc } from '../../domain'
import type { Projection } from './types'

/** The Digibank's settings document, kept whole: there is one. */
export interface AppSettingsRecord {
  id: string
  db: string
  doc: AppSettingsDoc
}

export const appSettingsProjection: Projection<AppSettingsRecord> = {
  table: 'appSettings',
  indexes: 'id, db',
  toRow(db, doc) {
    if (doc.kind !== APP_SETTINGS_KIND)
      return null
    const result = validateAppSettings(doc)
    if (!result.ok) {
      // The tablet keeps the defaults rather than a setting it cannot read (e.g. from a newer app).
      console.warn(`read model: ${String(doc._id)} in ${db} is not valid settings; ignored`)
      return null
    }
    const { _revisions: _r, _conflicts: _c, ...clean } = result.value as AppSettingsDoc & { _revisions?: unknown, _conflicts?: unknown }
    return { id: result.value._id, db, doc: clean }
  },
}
