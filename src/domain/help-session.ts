import * as v from 'valibot'
import { baseRecordEntries, isoTimestamp } from './records'
import { runSchema, type Validated } from './validation'
import { DEFAULT_LOCATIONS, findLocation } from './municipalities'

/** Default question categories; coordinators will maintain this list as configuration. */
export const QUESTION_CATEGORIES = [
  'itsme',
  'jobbonus',
  'burgerprofiel',
  'taxonweb',
  'meterstand',
  'doktersafspraak',
  'tickets',
  'qrcode',
  'email',
  'bankieren',
  'smartphone',
  'formulieren',
  'andere',
] as const
export type QuestionCategory = (typeof QUESTION_CATEGORIES)[number]

export const OUTCOMES = ['opgelost', 'deels', 'niet', 'doorverwezen'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const HELP_SESSION_LIMITS = {
  minDuration: 1,
  /** A whole day at the desk is the most one session can take. */
  maxDuration: 480,
  maxNote: 500,
} as const

export const HELP_SESSION_KIND = 'help-session'

export const helpSessionSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(/^session:[0-9A-HJKMNP-TV-Z]{26}$/, 'invalidId')),
    kind: v.literal(HELP_SESSION_KIND, 'wrongKind'),
    location: v.picklist(DEFAULT_LOCATIONS.map(l => l.id) as [string, ...string[]], 'notAllowed'),
    startedAt: isoTimestamp,
    category: v.picklist(QUESTION_CATEGORIES, 'notAllowed'),
    outcome: v.picklist(OUTCOMES, 'notAllowed'),
    durationMinutes: v.pipe(
      v.number('invalidType'),
      v.integer('notWhole'),
      v.minValue(HELP_SESSION_LIMITS.minDuration, 'tooSmall'),
      v.maxValue(HELP_SESSION_LIMITS.maxDuration, 'tooLarge'),
    ),
    note: v.optional(v.pipe(v.string('invalidType'), v.maxLength(HELP_SESSION_LIMITS.maxNote, 'tooLong'))),
  }),
  v.forward(
    v.check(doc => findLocation(doc.location)?.municipality === doc.municipality, 'locationOutsideMunicipality'),
    ['location'],
  ),
)

export type HelpSession = v.InferOutput<typeof helpSessionSchema>

/** Validates a help session document exactly as the app, the repository and the server do. */
export function validateHelpSession(input: unknown): Validated<HelpSession> {
  return runSchema(helpSessionSchema, input)
}

/** What a volunteer fills in; the rest is stamped by `buildHelpSession`. */
export interface HelpSessionInput {
  location: string
  category: string
  outcome: string
  durationMinutes: number
  note?: string
  startedAt?: string
}

export interface Stamp {
  id: string
  staff: string
  now: string
}

/**
 * Turns form input into a document. The municipality follows from the location, so a session is
 * always stored in the database of the room where it happened.
 */
export function buildHelpSession(input: HelpSessionInput, stamp: Stamp): Validated<HelpSession> {
  const note = input.note?.trim()
  const doc = {
    _id: stamp.id,
    kind: HELP_SESSION_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: findLocation(input.location)?.municipality ?? '',
    location: input.location,
    startedAt: input.startedAt ?? stamp.now,
    category: input.category,
    outcome: input.outcome,
    durationMinutes: input.durationMinutes,
    ...(note ? { note } : {}),
  }
  return validateHelpSession(doc)
}
