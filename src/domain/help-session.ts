import * as v from 'valibot'
import { CATEGORY_ID, CONFIG_LIMITS, locationMunicipality } from './desk-config'
import { baseRecordEntries, isoDate, isoTimestamp } from './records'
import { runSchema, type Validated } from './validation'

export { QUESTION_CATEGORIES, type QuestionCategory } from './desk-config'

export const OUTCOMES = ['opgelost', 'deels', 'niet', 'doorverwezen'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** Where a resident is sent when the desk cannot help further (outcome `doorverwezen`). */
export const REFERRALS = ['ocmw', 'bibliotheek', 'caw', 'vdab', 'andere'] as const
export type Referral = (typeof REFERRALS)[number]

/**
 * How the volunteer helped. "In de plaats gedaan" is only allowed with the resident's consent,
 * which the value itself records, so a report can show how often volunteers act for someone.
 */
export const HELP_MODES = ['uitgelegd', 'samen-gedaan', 'in-de-plaats-met-toestemming'] as const
export type HelpMode = (typeof HELP_MODES)[number]

export const HELP_SESSION_LIMITS = {
  minDuration: 1,
  /** A whole day at the desk is the most one session can take. */
  maxDuration: 480,
  maxNote: 500,
  /** One visit rarely covers more than a few questions; more is a sign of a mis-tap. */
  maxCategories: 5,
} as const

export const HELP_SESSION_KIND = 'help-session'

const PERSON_ID = /^person:[0-9A-HJKMNP-TV-Z]{26}$/

export const helpSessionSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(/^session:[0-9A-HJKMNP-TV-Z]{26}$/, 'invalidId')),
    kind: v.literal(HELP_SESSION_KIND, 'wrongKind'),
    // Any configured room: its id names its municipality, which must be the record's (checked below).
    location: v.pipe(v.string('invalidType'), v.check(id => locationMunicipality(id) !== null, 'notAllowed')),
    startedAt: isoTimestamp,
    /** The resident helped, by id only: the session carries no name. Absent for an anonymous walk-in. */
    personId: v.optional(v.pipe(v.string('invalidType'), v.regex(PERSON_ID, 'invalidId'))),
    /** A quick question from someone who gives no name: counted as a session, not as a resident. */
    anonymous: v.optional(v.literal(true, 'invalidType')),
    categories: v.pipe(
      v.array(v.pipe(v.string('invalidType'), v.maxLength(CONFIG_LIMITS.maxCategoryId, 'tooLong'), v.regex(CATEGORY_ID, 'notAllowed')), 'invalidType'),
      v.minLength(1, 'choose'),
      v.maxLength(HELP_SESSION_LIMITS.maxCategories, 'tooLong'),
      v.check(list => new Set(list).size === list.length, 'duplicate'),
    ),
    helpMode: v.picklist(HELP_MODES, 'notAllowed'),
    outcome: v.picklist(OUTCOMES, 'notAllowed'),
    referral: v.optional(v.picklist(REFERRALS, 'notAllowed')),
    followUp: v.optional(isoDate),
    /** The day the follow-up was done: the session then leaves the "to follow up" list. */
    followUpDone: v.optional(isoDate),
    durationMinutes: v.pipe(
      v.number('invalidType'),
      v.integer('notWhole'),
      v.minValue(HELP_SESSION_LIMITS.minDuration, 'tooSmall'),
      v.maxValue(HELP_SESSION_LIMITS.maxDuration, 'tooLarge'),
    ),
    note: v.optional(v.pipe(v.string('invalidType'), v.maxLength(HELP_SESSION_LIMITS.maxNote, 'tooLong'))),
  }),
  v.forward(v.check(doc => locationMunicipality(doc.location) === doc.municipality, 'locationOutsideMunicipality'), ['location']),
  v.forward(v.check(doc => (doc.personId === undefined) === (doc.anonymous === true), 'residentRequired'), ['personId']),
  v.forward(v.check(doc => (doc.outcome === 'doorverwezen') === (doc.referral !== undefined), 'referralMismatch'), ['referral']),
  v.forward(v.check(doc => doc.followUp === undefined || doc.followUp >= doc.startedAt.slice(0, 10), 'followUpBeforeSession'), ['followUp']),
  v.forward(v.check(doc => doc.followUpDone === undefined || (doc.followUp !== undefined && doc.followUpDone >= doc.startedAt.slice(0, 10)), 'followUpDoneWithout'), ['followUpDone']),
)

export type HelpSession = v.InferOutput<typeof helpSessionSchema>

/** Validates a help session document exactly as the app, the repository and the server do. */
export function validateHelpSession(input: unknown): Validated<HelpSession> {
  return runSchema(helpSessionSchema, input)
}

/** What a volunteer fills in; the rest is stamped by `buildHelpSession`. */
export interface HelpSessionInput {
  location: string
  /** The resident's `person:` id, or null for an anonymous walk-in. */
  personId: string | null
  categories: string[]
  helpMode: string
  outcome: string
  /** Only read when the outcome is `doorverwezen`. */
  referral?: string
  /** `YYYY-MM-DD` when a follow-up is needed. */
  followUp?: string
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
 * always stored in the database of the room where it happened. A referral target is kept only
 * with the outcome it belongs to, so changing the outcome afterwards leaves no stale target.
 */
export function buildHelpSession(input: HelpSessionInput, stamp: Stamp): Validated<HelpSession> {
  const note = input.note?.trim()
  const referral = input.outcome === 'doorverwezen' ? (input.referral || undefined) : undefined
  const doc = {
    _id: stamp.id,
    kind: HELP_SESSION_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: locationMunicipality(input.location) ?? '',
    location: input.location,
    startedAt: input.startedAt ?? stamp.now,
    ...(input.personId ? { personId: input.personId } : { anonymous: true }),
    categories: input.categories,
    helpMode: input.helpMode,
    outcome: input.outcome,
    ...(referral ? { referral } : {}),
    ...(input.followUp ? { followUp: input.followUp } : {}),
    durationMinutes: input.durationMinutes,
    ...(note ? { note } : {}),
  }
  return validateHelpSession(doc)
}

/**
 * A new revision of an existing session by its author: the input replaces what the volunteer can
 * change, while id, author and creation time stay those of the original.
 */
export function reviseHelpSession(previous: HelpSession, input: HelpSessionInput, now: string): Validated<HelpSession> {
  const built = buildHelpSession({ ...input, startedAt: input.startedAt ?? previous.startedAt }, { id: previous._id, staff: previous.createdBy, now })
  if (!built.ok)
    return built
  // A follow-up marked done stays done unless the edit plans it for another day.
  const done = previous.followUpDone && built.value.followUp === previous.followUp ? { followUpDone: previous.followUpDone } : {}
  return { ok: true, value: { ...built.value, ...done, createdAt: previous.createdAt, ...(previous._rev ? { _rev: previous._rev } : {}) } }
}

/**
 * Marks the follow-up of a session done on `day` (`YYYY-MM-DD`): a new revision that keeps the
 * planned date (reports can still count follow-ups) and adds when it was done. Only a session with
 * a follow-up can be marked; marking it twice keeps the first day.
 */
export function markFollowUpDone(previous: HelpSession, day: string, now: string): Validated<HelpSession> {
  if (previous.followUp === undefined)
    return { ok: false, issues: [{ path: 'followUpDone', code: 'followUpDoneWithout' }] }
  return validateHelpSession({ ...previous, followUpDone: previous.followUpDone ?? day, updatedAt: now })
}

/** The form input that a stored session came from, to edit it. */
export function helpSessionInput(session: HelpSession): HelpSessionInput {
  return {
    location: session.location,
    personId: session.personId ?? null,
    categories: [...session.categories],
    helpMode: session.helpMode,
    outcome: session.outcome,
    ...(session.referral ? { referral: session.referral } : {}),
    ...(session.followUp ? { followUp: session.followUp } : {}),
    durationMinutes: session.durationMinutes,
    ...(session.note ? { note: session.note } : {}),
    startedAt: session.startedAt,
  }
}
