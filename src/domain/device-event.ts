import * as v from 'valibot'
import { accessoryList, assetTag } from './device'
import type { DeviceEventFact, DeviceEventType } from './device-lifecycle'
import { baseRecordEntries, isoDate, isoTimestamp } from './records'
import { refurbishmentSchema } from './refurbishment'
import { runSchema, type Validated } from './validation'

/**
 * One immutable fact in a device's life, `device-event:<asset tag>:<ulid>`. Events are only ever
 * added, never edited, so two tablets working offline on the same device never overwrite each
 * other: both facts sync and the fold (`foldDeviceEvents`) decides what they mean together.
 */
export const DEVICE_EVENT_KIND = 'device-event'

export const DEVICE_CONDITIONS = ['als-nieuw', 'goed', 'gebruikssporen', 'beschadigd'] as const
export type DeviceCondition = (typeof DEVICE_CONDITIONS)[number]

const ULID = '[0-9A-HJKMNP-TV-Z]{26}'
export const DEVICE_EVENT_ID_PATTERN = new RegExp(`^device-event:[A-Z0-9][A-Z0-9-]{1,23}:${ULID}$`)
export const LOAN_ID_PATTERN = new RegExp(`^loan:${ULID}$`)

const text = (max: number) => v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'tooLong'))
const note = v.optional(v.pipe(v.string('invalidType'), v.maxLength(500, 'tooLong')))
export const loanIdSchema = v.pipe(v.string('invalidType'), v.regex(LOAN_ID_PATTERN, 'invalidId'))
export const deviceEventIdSchema = v.pipe(v.string('invalidType'), v.regex(DEVICE_EVENT_ID_PATTERN, 'invalidId'))

const common = {
  ...baseRecordEntries,
  _id: deviceEventIdSchema,
  kind: v.literal(DEVICE_EVENT_KIND, 'wrongKind'),
  assetTag,
  /** When it happened; the fold orders events by it. */
  at: isoTimestamp,
  note,
}

const event = <T extends DeviceEventType, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.looseObject({ ...common, type: v.literal(type), ...entries })

const repairDone = v.object({
  what: text(200),
  by: text(80),
  costCents: v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(0, 'tooSmall'), v.maxValue(1_000_000, 'tooLarge')),
  date: isoDate,
}, 'required')

export const deviceEventSchema = v.pipe(
  v.variant('type', [
    event('intake', {}),
    event('refurbished', { refurbishment: refurbishmentSchema }),
    // A handover names the refurbishment it relies on: the server refuses one that names none.
    event('handed-out', { loanId: loanIdSchema, refurbishmentId: deviceEventIdSchema }),
    event('returned', { loanId: loanIdSchema, condition: v.picklist(DEVICE_CONDITIONS, 'notAllowed'), missingAccessories: accessoryList }),
    event('sent-to-repair', { repair: v.object({ what: text(200), by: text(80) }, 'required') }),
    event('repaired', { repair: repairDone }),
    event('lost', { loanId: v.optional(loanIdSchema) }),
    event('retired', { reason: text(200) }),
    // A coordinator settles a double booking: this loan never held the device, `keptLoanId` does.
    event('loan-cancelled', { loanId: loanIdSchema, keptLoanId: loanIdSchema }),
  ], 'notAllowed'),
  v.forward(v.check(doc => doc._id.startsWith(`device-event:${doc.assetTag}:`), 'idMismatch'), ['_id']),
  v.forward(
    v.check(doc => doc.type !== 'handed-out' || doc.refurbishmentId.startsWith(`device-event:${doc.assetTag}:`), 'refurbishmentOfOtherDevice'),
    ['refurbishmentId'],
  ),
  v.forward(v.check(doc => doc.type !== 'loan-cancelled' || doc.loanId !== doc.keptLoanId, 'keptIsCancelled'), ['keptLoanId']),
)

export type DeviceEvent = v.InferOutput<typeof deviceEventSchema>

export function validateDeviceEvent(input: unknown): Validated<DeviceEvent> {
  return runSchema(deviceEventSchema, input)
}

/** Event types only a coordinator may record. */
export const COORDINATOR_EVENT_TYPES: readonly DeviceEventType[] = ['loan-cancelled']

/** What the fold needs of an event. */
export function toEventFact(e: DeviceEvent): DeviceEventFact {
  const loanId = 'loanId' in e && typeof e.loanId === 'string' ? e.loanId : undefined
  const refurbishmentId = e.type === 'handed-out' ? e.refurbishmentId : undefined
  const keptLoanId = e.type === 'loan-cancelled' ? e.keptLoanId : undefined
  return { id: e._id, type: e.type, at: e.at, ...(loanId ? { loanId } : {}), ...(refurbishmentId ? { refurbishmentId } : {}), ...(keptLoanId ? { keptLoanId } : {}) }
}

export interface DeviceEventStamp {
  /** A ulid made by `newId`-style factories; the event id is built from it and the tag. */
  ulid: string
  staff: string
  now: string
  municipality: string
}

/** The event id for a device: ids of one device sort together and by creation time. */
export function deviceEventId(tag: string, ulid: string): string {
  return `device-event:${tag}:${ulid}`
}

/** Builds an event document from the type-specific part (`{ type: 'returned', loanId, ... }`). */
export function buildDeviceEvent(tag: string, payload: Record<string, unknown> & { type: DeviceEventType, at?: string }, stamp: DeviceEventStamp): Validated<DeviceEvent> {
  const trimmed = typeof payload.note === 'string' ? payload.note.trim() : undefined
  const { note: _note, ...rest } = payload
  return validateDeviceEvent({
    _id: deviceEventId(tag, stamp.ulid),
    kind: DEVICE_EVENT_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: stamp.municipality,
    assetTag: tag,
    at: stamp.now,
    ...rest,
    ...(trimmed ? { note: trimmed } : {}),
  })
}
