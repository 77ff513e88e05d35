import {
  buildDevice, buildDeviceEvent, completeChecklist, newId,
  type Device, type DeviceEvent, type DeviceEventType, type DeviceInput, type Refurbishment,
} from '../../src/domain'

let counter = 0

/** What the intake form holds: a donated laptop in Arendonk with its charger, valid by default. */
export function makeDeviceInput(overrides: Partial<DeviceInput> = {}): DeviceInput {
  counter += 1
  return {
    assetTag: `DB-${String(counter).padStart(4, '0')}`,
    type: 'laptop',
    brand: 'Lenovo',
    model: 'ThinkPad T480',
    serial: `PF1${String(counter).padStart(5, '0')}`,
    specs: 'i5, 8 GB, 256 GB SSD',
    source: { kind: 'schenking', from: 'Bedrijf Kempen nv' },
    accessories: ['lader'],
    municipality: 'arendonk',
    ...overrides,
  }
}

/** A valid device document, built the way the app builds it. Throws when the overrides make it invalid. */
export function makeDevice(overrides: Partial<DeviceInput> & { staff?: string, now?: string } = {}): Device {
  const { staff = 'lena', now = '2026-01-05T09:00:00.000Z', ...input } = overrides
  const result = buildDevice(makeDeviceInput(input), { staff, now })
  if (!result.ok)
    throw new Error(`makeDevice: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}

/** A finished refurbishment record (every checklist item ticked). */
export function makeRefurbishment(overrides: Partial<Refurbishment> = {}): Refurbishment {
  return {
    wipeMethod: 'purge',
    standard: 'nist-800-88',
    tool: 'Blancco Drive Eraser',
    certificateRef: `CERT-${counter}`,
    checklist: completeChecklist(),
    batteryHealthPercent: 87,
    technician: 'Tom',
    date: '2026-01-06',
    ...overrides,
  }
}

let minutes = 0

/**
 * A valid device event for `tag`. Each call happens a minute after the previous one, so events
 * made in a row fold in the order they were made. Throws when the payload is invalid.
 */
export function makeDeviceEvent(tag: string, type: DeviceEventType, payload: Record<string, unknown> = {}, opts: { staff?: string, at?: string } = {}): DeviceEvent {
  minutes += 1
  const at = opts.at ?? new Date(Date.UTC(2026, 0, 5, 9, 0) + minutes * 60_000).toISOString()
  const ulid = newId('device-event', Date.parse(at)).slice('device-event:'.length)
  const defaults: Record<string, unknown> = type === 'refurbished' ? { refurbishment: makeRefurbishment() } : {}
  const result = buildDeviceEvent(tag, { type, ...defaults, ...payload }, { ulid, staff: opts.staff ?? 'lena', now: at, municipality: 'arendonk' })
  if (!result.ok)
    throw new Error(`makeDeviceEvent: invalid payload: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}
