import { liveQuery } from 'dexie'
import {
  DB, mergeCategories, mergeLocations, validateCategoryConfig, validateLocationConfig,
  type CategoryConfig, type DeskCategory, type DeskLocation, type LocationConfig, type StaffProfile, type Validated,
} from '../domain'
import type { DeskConfigRecord } from './read-model'
import { writeRevision, type WriteDeps } from './session-write'

export interface DeskConfig {
  locations: DeskLocation[]
  categories: DeskCategory[]
}

/** What a coordinator edits of a location or a category; the id is fixed once made. */
export interface LocationChange { id: string, municipality: string, name: string, active: boolean }
export interface CategoryChange { id: string, name: { nl: string, fr?: string, en?: string }, order: number, active: boolean }

/**
 * The desk's locations and question categories: the domain defaults overlaid with the documents
 * coordinators keep in `dgb-config` (synced to every tablet). With no documents, the defaults.
 */
export class DeskConfigRepository {
  constructor(private readonly deps: WriteDeps) {
    deps.ready.then(() => deps.projector.follow(DB.config), () => undefined)
  }

  watch(onConfig: (config: DeskConfig) => void): () => void {
    const subscription = liveQuery(() => this.deps.rm.deskConfig.toArray()).subscribe({
      next: rows => onConfig(merge(rows)),
      error: err => console.error('desk configuration query failed', err),
    })
    return () => subscription.unsubscribe()
  }

  async current(): Promise<DeskConfig> {
    return merge(await this.deps.rm.deskConfig.toArray())
  }

  saveLocation(change: LocationChange, staff: StaffProfile): Promise<Validated<LocationConfig>> {
    return this.save(`location:${change.id}`, staff, { kind: 'location', municipality: change.municipality, name: change.name, active: change.active }, validateLocationConfig)
  }

  saveCategory(change: CategoryChange, staff: StaffProfile): Promise<Validated<CategoryConfig>> {
    return this.save(`category:${change.id}`, staff, { kind: 'question-category', name: change.name, order: change.order, active: change.active }, validateCategoryConfig)
  }

  /** A new revision over the stored one (or a first document overriding a default). */
  private save<T>(id: string, staff: StaffProfile, fields: object, validate: (doc: unknown) => Validated<T & { _id: string }>): Promise<Validated<T>> {
    const now = new Date().toISOString()
    return writeRevision(this.deps, DB.config, id, stored => validate({ ...(stored ?? { createdAt: now, createdBy: staff.name }), _id: id, schemaVersion: 1, updatedAt: now, ...fields }))
  }
}

function merge(rows: readonly DeskConfigRecord[]): DeskConfig {
  const docs = (kind: DeskConfigRecord['kind']) => rows.filter(r => r.kind === kind).map(r => r.doc)
  return {
    locations: mergeLocations(docs('location') as LocationConfig[]),
    categories: mergeCategories(docs('question-category') as CategoryConfig[]),
  }
}
