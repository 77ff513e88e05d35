import * as v from 'valibot'
import { loanIdSchema } from './device-event'
import { baseRecordEntries, isoDate, staffName } from './records'
import { runSchema, type Validated } from './validation'

/**
 * Help at home ("hulp aan huis") for a borrower: one document per visit, linked to the loan and
 * the resident, so the visits add up per household without anyone editing a shared record.
 */
export const HOME_VISIT_KIND = 'home-visit'

export const HOME_VISIT_TOPICS = ['installatie', 'internet', 'email', 'veiligheid', 'updates', 'itsme', 'andere'] as const
export const HOME_VISIT_OUTCOMES = ['opgelost', 'deels', 'niet', 'doorverwezen'] as const

export const homeVisitSchema = v.looseObject({
  ...baseRecordEntries,
  _id: v.pipe(v.string(), v.regex(/^visit:[0-9A-HJKMNP-TV-Z]{26}$/, 'invalidId')),
  kind: v.literal(HOME_VISIT_KIND, 'wrongKind'),
  loanId: loanIdSchema,
  personId: v.pipe(v.string('invalidType'), v.regex(/^person:[0-9A-HJKMNP-TV-Z]{26}$/, 'invalidId')),
  date: isoDate,
  staff: staffName,
  topic: v.picklist(HOME_VISIT_TOPICS, 'notAllowed'),
  durationMinutes: v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(1, 'tooSmall'), v.maxValue(480, 'tooLarge')),
  outcome: v.picklist(HOME_VISIT_OUTCOMES, 'notAllowed'),
  note: v.optional(v.pipe(v.string('invalidType'), v.maxLength(500, 'tooLong'))),
})

export type HomeVisit = v.InferOutput<typeof homeVisitSchema>

export function validateHomeVisit(input: unknown): Validated<HomeVisit> {
  return runSchema(homeVisitSchema, input)
}

export interface HomeVisitInput {
  loanId: string
  personId: string
  date: string
  staff: string
  topic: string
  durationMinutes: number
  outcome: string
  note?: string
  municipality: string
}

export function buildHomeVisit(input: HomeVisitInput, stamp: { id: string, staff: string, now: string }): Validated<HomeVisit> {
  const { note, municipality, ...rest } = input
  const trimmed = note?.trim()
  return validateHomeVisit({
    _id: stamp.id,
    kind: HOME_VISIT_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality,
    ...rest,
    ...(trimmed ? { note: trimmed } : {}),
  })
}
