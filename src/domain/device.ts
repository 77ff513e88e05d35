import * as v from 'valibot'
import { baseRecordEntries } from './records'
import { runSchema, type Validated } from './validation'

/**
 * A lendable device in the inventory. Its id is `device:<asset tag>`, so the label on the device
 * is the key everywhere (scan it, type it) and two tablets registering the same tag produce one
 * document with a conflict, not two devices. The device document holds what does not change; its
 * status is never stored here but folded from its events.
 */
export const DEVICE_KIND = 'device'

export const DEVICE_TYPES = ['laptop', 'tablet', 'smartphone'] as const
export type DeviceType = (typeof DEVICE_TYPES)[number]

/** Accessories that belong with a device and go out with a loan. */
export const ACCESSORIES = ['lader', 'tas', 'muis', 'hoes', 'headset'] as const
export type Accessory = (typeof ACCESSORIES)[number]

export const DEVICE_SOURCES = ['schenking', 'aankoop'] as const

/** Upper case letters, digits and dashes, as printed on the label: `DB-0042`. */
export const ASSET_TAG_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,23}$/

export const DEVICE_LIMITS = { maxText: 80, maxSpecs: 300, maxNotes: 500 } as const

export const assetTag = v.pipe(v.string('invalidType'), v.regex(ASSET_TAG_PATTERN, 'invalidAssetTag'))

const text = (max: number) => v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'tooLong'))
const optionalText = (max: number) => v.optional(v.pipe(v.string('invalidType'), v.maxLength(max, 'tooLong')))

export const accessoryList = v.pipe(
  v.array(v.picklist(ACCESSORIES, 'notAllowed'), 'invalidType'),
  v.check(list => new Set(list).size === list.length, 'duplicate'),
)

export const deviceSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(/^device:[A-Z0-9][A-Z0-9-]{1,23}$/, 'invalidId')),
    kind: v.literal(DEVICE_KIND, 'wrongKind'),
    assetTag,
    type: v.picklist(DEVICE_TYPES, 'notAllowed'),
    brand: text(DEVICE_LIMITS.maxText),
    model: text(DEVICE_LIMITS.maxText),
    serial: text(DEVICE_LIMITS.maxText),
    specs: optionalText(DEVICE_LIMITS.maxSpecs),
    source: v.object({ kind: v.picklist(DEVICE_SOURCES, 'notAllowed'), from: optionalText(DEVICE_LIMITS.maxText) }, 'required'),
    accessories: accessoryList,
    notes: optionalText(DEVICE_LIMITS.maxNotes),
  }),
  v.forward(v.check(doc => doc._id === deviceId(doc.assetTag), 'idMismatch'), ['_id']),
)

export type Device = v.InferOutput<typeof deviceSchema>

export function validateDevice(input: unknown): Validated<Device> {
  return runSchema(deviceSchema, input)
}

export function deviceId(tag: string): string {
  return `device:${tag}`
}

/** What someone types or a scanner reads, as the tag is stored: trimmed, upper case. */
export function normaliseAssetTag(raw: string): string {
  return raw.trim().toUpperCase().replace(/\s+/g, '-')
}

export interface DeviceInput {
  assetTag: string
  type: string
  brand: string
  model: string
  serial: string
  specs?: string
  source: { kind: string, from?: string }
  accessories: string[]
  notes?: string
  municipality: string
}

export interface LendingStamp {
  staff: string
  now: string
}

/** Turns the intake form into a device document. */
export function buildDevice(input: DeviceInput, stamp: LendingStamp): Validated<Device> {
  const tag = normaliseAssetTag(input.assetTag)
  const specs = input.specs?.trim()
  const notes = input.notes?.trim()
  const from = input.source.from?.trim()
  return validateDevice({
    _id: deviceId(tag),
    kind: DEVICE_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: input.municipality,
    assetTag: tag,
    type: input.type,
    brand: input.brand,
    model: input.model,
    serial: input.serial,
    ...(specs ? { specs } : {}),
    source: { kind: input.source.kind, ...(from ? { from } : {}) },
    accessories: input.accessories,
    ...(notes ? { notes } : {}),
  })
}
