import { COURSE_KIND, validateCourse, type MunicipalitySlug } from '../../domain'
import type { Projection } from './types'

/** A course as lists show it; `trainers` is a multi-entry index, so "the courses I teach" is one lookup. */
export interface CourseRecord {
  id: string
  rev: string
  db: string
  municipality: MunicipalitySlug
  title: string
  topic: string
  level: string
  location: string
  partner?: string
  trainers: string[]
  capacity: number
  conflicted: boolean
}

export const courseProjection: Projection<CourseRecord> = {
  table: 'courses',
  indexes: 'id, db, municipality, *trainers',
  toRow(db, doc) {
    if (doc.kind !== COURSE_KIND)
      return null
    const result = validateCourse(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid course; not listed`)
      return null
    }
    const c = result.value
    return {
      id: c._id,
      rev: String(doc._rev),
      db,
      municipality: c.municipality as MunicipalitySlug,
      title: c.title,
      topic: c.topic,
      level: c.level,
      location: c.location,
      ...(c.partner === undefined ? {} : { partner: c.partner }),
      trainers: c.trainers,
      capacity: c.capacity,
      conflicted: Array.isArray(doc._conflicts) && doc._conflicts.length > 0,
    }
  },
}
