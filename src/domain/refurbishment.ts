import * as v from 'valibot'
import { isoDate } from './records'

/**
 * What a technician records when a device is wiped and checked between borrowers. A device may go
 * out again only with such a record: it is the proof that the previous borrower's data is gone.
 * Every checklist item must be done; a half-finished refurbishment is not a refurbishment.
 */
export const WIPE_METHODS = ['clear', 'purge'] as const
export const WIPE_STANDARDS = ['nist-800-88', 'ieee-2883', 'andere'] as const

export const CHECKLIST_ITEMS = [
  'firmwarePasswordsRemoved',
  'accountsRemoved',
  'deviceManagementRemoved',
  'osReinstalled',
  'updatesInstalled',
  'cleaned',
] as const
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

const done = v.literal(true, 'checklistIncomplete')
const text = (max: number) => v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'tooLong'))

export const refurbishmentSchema = v.object({
  wipeMethod: v.picklist(WIPE_METHODS, 'notAllowed'),
  standard: v.picklist(WIPE_STANDARDS, 'notAllowed'),
  tool: text(60),
  certificateRef: text(80),
  checklist: v.strictObject(
    Object.fromEntries(CHECKLIST_ITEMS.map(item => [item, done])) as Record<ChecklistItem, typeof done>,
    'checklistIncomplete',
  ),
  batteryHealthPercent: v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(0, 'tooSmall'), v.maxValue(100, 'tooLarge')),
  technician: text(60),
  date: isoDate,
}, 'required')

export type Refurbishment = v.InferOutput<typeof refurbishmentSchema>

/** The checklist with every item ticked, as a finished refurbishment has it. */
export function completeChecklist(): Record<ChecklistItem, true> {
  return Object.fromEntries(CHECKLIST_ITEMS.map(item => [item, true])) as Record<ChecklistItem, true>
}
