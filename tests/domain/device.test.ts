import { describe, expect, it } from 'vitest'
import { buildDevice, CHECKLIST_ITEMS, foldDeviceEvents, handoverRefusal, normaliseAssetTag, toEventFact, validateDeviceEvent } from '../../src/domain'
import { makeDevice, makeDeviceEvent, makeDeviceInput, makeRefurbishment } from '../factories/device'

describe('device inventory', () => {
  it('keys a device by its asset tag, as typed or scanned', () => {
    const device = makeDevice({ assetTag: ' db-0107 ' })
    expect(device._id).toBe('device:DB-0107')
    expect(device.assetTag).toBe('DB-0107')
    expect(normaliseAssetTag('lt 12')).toBe('LT-12')
  })

  it('refuses a device without serial number, with an unknown type or a doubled accessory', () => {
    const issues = (over: Parameters<typeof makeDeviceInput>[0]) => {
      const r = buildDevice(makeDeviceInput(over), { staff: 'lena', now: '2026-01-05T09:00:00.000Z' })
      return r.ok ? [] : r.issues.map(i => `${i.path} ${i.code}`)
    }
    expect(issues({ serial: ' ' })).toEqual(['serial required'])
    expect(issues({ type: 'desktop' })).toEqual(['type notAllowed'])
    expect(issues({ accessories: ['lader', 'lader'] })).toEqual(['accessories duplicate'])
    expect(issues({ assetTag: 'é' })).toContain('assetTag invalidAssetTag')
  })
})

describe('device events', () => {
  it('builds every kind of event with what it needs', () => {
    const intake = makeDeviceEvent('DB-9001', 'intake')
    const refurbished = makeDeviceEvent('DB-9001', 'refurbished')
    const loanId = 'loan:01KAAAAAAAAAAAAAAAAAAAAAAA'
    const events = [
      intake,
      refurbished,
      makeDeviceEvent('DB-9001', 'handed-out', { loanId, refurbishmentId: refurbished._id }),
      makeDeviceEvent('DB-9001', 'returned', { loanId, condition: 'gebruikssporen', missingAccessories: ['muis'] }),
      makeDeviceEvent('DB-9001', 'sent-to-repair', { repair: { what: 'Scherm', by: 'Repair Café' } }),
      makeDeviceEvent('DB-9001', 'repaired', { repair: { what: 'Scherm vervangen', by: 'Repair Café', costCents: 4500, date: '2026-02-01' } }),
      makeDeviceEvent('DB-9001', 'retired', { reason: 'Moederbord stuk' }),
    ]
    const state = foldDeviceEvents(events.map(toEventFact))
    expect(state.status).toBe('retired')
    expect(state.anomalies).toEqual([])
  })

  it('refuses a refurbishment with an unticked checklist item, each item on its own', () => {
    for (const item of CHECKLIST_ITEMS) {
      const event = makeDeviceEvent('DB-9002', 'refurbished')
      const broken = { ...event, refurbishment: { ...makeRefurbishment(), checklist: { ...makeRefurbishment().checklist, [item]: false } } }
      const result = validateDeviceEvent(broken)
      expect(result.ok, item).toBe(false)
      expect(result.ok ? [] : result.issues.map(i => i.code)).toContain('checklistIncomplete')
    }
  })

  it('refuses a battery health outside 0-100 and a refurbishment without certificate', () => {
    expect(() => makeDeviceEvent('DB-9003', 'refurbished', { refurbishment: makeRefurbishment({ batteryHealthPercent: 120 }) })).toThrow(/tooLarge/)
    expect(() => makeDeviceEvent('DB-9003', 'refurbished', { refurbishment: makeRefurbishment({ certificateRef: '' }) })).toThrow(/certificateRef required/)
  })

  it('refuses a handover that names no refurbishment, or one of another device', () => {
    const loanId = 'loan:01KAAAAAAAAAAAAAAAAAAAAAAA'
    expect(() => makeDeviceEvent('DB-9004', 'handed-out', { loanId })).toThrow(/refurbishmentId/)
    const other = makeDeviceEvent('DB-9005', 'refurbished')
    expect(() => makeDeviceEvent('DB-9004', 'handed-out', { loanId, refurbishmentId: other._id })).toThrow(/refurbishmentOfOtherDevice/)
  })

  it('refuses an event whose id names another device', () => {
    const event = makeDeviceEvent('DB-9006', 'intake')
    const result = validateDeviceEvent({ ...event, assetTag: 'DB-9007' })
    expect(result.ok ? [] : result.issues.map(i => `${i.path} ${i.code}`)).toEqual(['_id idMismatch'])
  })

  it('a returned device needs a new refurbishment before the next handover', () => {
    const loanId = 'loan:01KAAAAAAAAAAAAAAAAAAAAAAA'
    const intake = makeDeviceEvent('DB-9008', 'intake')
    const r1 = makeDeviceEvent('DB-9008', 'refurbished')
    const events = [intake, r1, makeDeviceEvent('DB-9008', 'handed-out', { loanId, refurbishmentId: r1._id }), makeDeviceEvent('DB-9008', 'returned', { loanId, condition: 'goed', missingAccessories: [] })]
    const back = foldDeviceEvents(events.map(toEventFact))
    expect(back.status).toBe('to-refurbish')
    expect(back.refurbishmentId).toBeNull()
    expect(handoverRefusal(back)).toBe('no-refurbishment')
    const r2 = makeDeviceEvent('DB-9008', 'refurbished')
    const again = foldDeviceEvents([...events, r2].map(toEventFact))
    expect(handoverRefusal(again)).toBeNull()
    expect(again.refurbishmentId).toBe(r2._id)
  })
})
