import * as v from 'valibot'
import { isoTimestamp, staffName } from './records'
import { DEFAULT_LOCATIONS, MUNICIPALITY_SLUGS, isMunicipalitySlug, type Location, type MunicipalitySlug } from './municipalities'
import { runSchema, type Validated } from './validation'

/**
 * The desk's configuration: computer rooms (locations) and question categories. Coordinators keep
 * them as documents in `dgb-config`, which every tablet replicates; the defaults in the domain hold
 * until a coordinator changes something. A configuration document overrides the default with the
 * same id (a rename or a deactivation) or adds a new one. Nothing is ever deleted: old sessions keep
 * pointing at a location or category that was deactivated, and reports still name it.
 */
export const LOCATION_KIND = 'location'
export const CATEGORY_KIND = 'question-category'

/** Default question categories (issue 4); their names are in the app's messages (`category.*`). */
export const QUESTION_CATEGORIES = [
  'itsme', 'jobbonus', 'burgerprofiel', 'taxonweb', 'meterstand', 'doktersafspraak', 'tickets',
  'qrcode', 'email', 'bankieren', 'smartphone', 'formulieren', 'andere',
] as const
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number]

/**
 * A location id names its municipality (`loc-<municipality>-<room>`), so the server can check that a
 * session is stored in its own municipality's database without reading the configuration.
 */
export const LOCATION_ID = /^loc-[a-z0-9]+(?:-[a-z0-9]+)+$/
/** A category id is a short slug; sessions keep it even when the category is renamed. */
export const CATEGORY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** The municipality a location id belongs to (the longest slug that prefixes it), or null. */
export function locationMunicipality(id: string): MunicipalitySlug | null {
  if (!LOCATION_ID.test(id))
    return null
  const matches = MUNICIPALITY_SLUGS.filter(slug => id.startsWith(`loc-${slug}-`) && id.length > slug.length + 5)
  return matches.sort((a, b) => b.length - a.length)[0] ?? null
}

export const CONFIG_LIMITS = { maxName: 80, maxCategoryId: 40 } as const

const configName = v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(CONFIG_LIMITS.maxName, 'tooLong'))

const configEntries = {
  _rev: v.optional(v.string()),
  schemaVersion: v.literal(1, 'unsupportedVersion'),
  createdAt: isoTimestamp,
  createdBy: staffName,
  updatedAt: isoTimestamp,
  active: v.boolean('invalidType'),
}

export const locationConfigSchema = v.pipe(
  v.looseObject({
    ...configEntries,
    _id: v.pipe(v.string(), v.regex(/^location:loc-[a-z0-9-]+$/, 'invalidId')),
    kind: v.literal(LOCATION_KIND, 'wrongKind'),
    municipality: v.picklist(MUNICIPALITY_SLUGS as [string, ...string[]], 'notAllowed'),
    name: configName,
  }),
  v.forward(v.check(doc => locationMunicipality(doc._id.slice('location:'.length)) === doc.municipality, 'locationOutsideMunicipality'), ['_id']),
)

export const categoryConfigSchema = v.looseObject({
  ...configEntries,
  _id: v.pipe(v.string(), v.regex(/^category:[a-z0-9-]+$/, 'invalidId'), v.maxLength(CONFIG_LIMITS.maxCategoryId + 9, 'tooLong')),
  kind: v.literal(CATEGORY_KIND, 'wrongKind'),
  /** The name in each language; Dutch is required, the others fall back to it. */
  name: v.object({ nl: configName, fr: v.optional(configName), en: v.optional(configName) }, 'invalidType'),
  /** Where it sits in the list: lower first. Defaults take their index. */
  order: v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(0, 'tooSmall'), v.maxValue(999, 'tooLarge')),
})

export type LocationConfig = v.InferOutput<typeof locationConfigSchema>
export type CategoryConfig = v.InferOutput<typeof categoryConfigSchema>

export function validateLocationConfig(input: unknown): Validated<LocationConfig> {
  return runSchema(locationConfigSchema, input)
}

export function validateCategoryConfig(input: unknown): Validated<CategoryConfig> {
  return runSchema(categoryConfigSchema, input)
}

/** Validates any configuration document of the desk; other config kinds are not the desk's to judge. */
export function validateDeskConfig(doc: object): Validated<LocationConfig | CategoryConfig> | null {
  const kind = (doc as { kind?: unknown }).kind
  if (kind === LOCATION_KIND)
    return validateLocationConfig(doc)
  if (kind === CATEGORY_KIND)
    return validateCategoryConfig(doc)
  return null
}

/** A location as the desk offers it. */
export interface DeskLocation extends Location {
  active: boolean
}

/** A category as the desk offers it; `name` is null for a default, whose name comes from the messages. */
export interface DeskCategory {
  id: string
  name: { nl: string, fr?: string | undefined, en?: string | undefined } | null
  active: boolean
  order: number
}

/** The defaults overlaid with the coordinators' documents, by id. */
export function mergeLocations(docs: readonly LocationConfig[]): DeskLocation[] {
  const byId = new Map<string, DeskLocation>(DEFAULT_LOCATIONS.map(l => [l.id, { ...l, active: true }]))
  for (const doc of docs) {
    const id = doc._id.slice('location:'.length)
    if (isMunicipalitySlug(doc.municipality))
      byId.set(id, { id, municipality: doc.municipality, name: doc.name, active: doc.active })
  }
  return [...byId.values()].sort((a, b) => a.municipality.localeCompare(b.municipality) || a.name.localeCompare(b.name))
}

export function mergeCategories(docs: readonly CategoryConfig[]): DeskCategory[] {
  const byId = new Map<string, DeskCategory>(QUESTION_CATEGORIES.map((id, order) => [id, { id, name: null, active: true, order }]))
  for (const doc of docs) {
    const id = doc._id.slice('category:'.length)
    byId.set(id, { id, name: doc.name, active: doc.active, order: doc.order })
  }
  return [...byId.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}

/** A category id for a new name: its slug, made unique against the ids in use. */
export function categoryIdFor(name: string, taken: Iterable<string>): string {
  const base = name.normalize('NFD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'vraag'
  const used = new Set(taken)
  let id = base
  for (let n = 2; used.has(id); n++)
    id = `${base}-${n}`
  return id
}

/** A location id for a new room: `loc-<municipality>-<slug of the name>`, unique against the ids in use. */
export function locationIdFor(municipality: MunicipalitySlug, name: string, taken: Iterable<string>): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'digipunt'
  const used = new Set(taken)
  const base = `loc-${municipality}-${slug}`
  let id = base
  for (let n = 2; used.has(id); n++)
    id = `${base}-${n}`
  return id
}

/**
 * Whether switching this room off would leave its municipality without an active one: the
 * volunteers there could no longer log a session, so the screen refuses it.
 */
export function isLastActiveLocation(locations: readonly DeskLocation[], id: string): boolean {
  const room = locations.find(l => l.id === id)
  return room !== undefined && room.active && !locations.some(l => l.id !== id && l.active && l.municipality === room.municipality)
}

/** Whether switching this category off would leave the form with no question to choose. */
export function isLastActiveCategory(categories: readonly DeskCategory[], id: string): boolean {
  return categories.some(c => c.id === id && c.active) && !categories.some(c => c.id !== id && c.active)
}
