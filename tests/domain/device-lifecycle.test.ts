import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canApply, DEVICE_EVENT_TYPES, DEVICE_STATUSES, foldDeviceEvents, handoverRefusal, type DeviceEventFact, type DeviceEventType } from '../../src/domain'

let seq = 0
function ev(type: DeviceEventType, at: string, loanId?: string): DeviceEventFact {
  seq += 1
  return { id: `device-event:LT-001:${String(seq).padStart(4, '0')}`, type, at: `2026-01-${at}T10:00:00.000Z`, ...(loanId ? { loanId } : {}) }
}

describe('device lifecycle fold', () => {
  it('follows intake → refurbish → loan → return → refurbish', () => {
    const events = [ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a'), ev('returned', '10', 'loan:a'), ev('refurbished', '11')]
    const state = foldDeviceEvents(events)
    expect(state.status).toBe('ready')
    expect(state.anomalies).toEqual([])
    expect(state.activeLoans).toEqual([])
  })

  it('derives the same state whatever order the events arrive in', () => {
    const events = [ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a')]
    expect(foldDeviceEvents([...events].reverse())).toEqual(foldDeviceEvents(events))
  })

  it('knows every allowed and refused transition', () => {
    const allowed: Record<string, DeviceEventType[]> = {
      'null': ['intake'],
      'to-refurbish': ['refurbished', 'sent-to-repair', 'lost', 'retired'],
      'ready': ['handed-out', 'sent-to-repair', 'lost', 'retired'],
      'on-loan': ['returned', 'lost'],
      'in-repair': ['repaired', 'lost', 'retired'],
      'lost': ['retired'],
      'retired': [],
    }
    for (const status of [null, ...DEVICE_STATUSES]) {
      for (const type of DEVICE_EVENT_TYPES)
        expect(canApply(status, type), `${status} + ${type}`).toBe(allowed[String(status)]!.includes(type))
    }
  })

  it('refuses a handover without a refurbishment record', () => {
    const state = foldDeviceEvents([ev('intake', '01')])
    expect(handoverRefusal(state)).toBe('no-refurbishment')
    expect(handoverRefusal(foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02')]))).toBeNull()
    expect(handoverRefusal(foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a')]))).toBe('not-ready')
  })

  it('flags two offline handovers of one device as a double booking, keeping both loans', () => {
    const state = foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a'), ev('handed-out', '03', 'loan:b')])
    expect(state.inConflict).toBe(true)
    expect(state.activeLoans).toEqual(['loan:a', 'loan:b'])
    expect(state.anomalies.map(a => a.problem)).toEqual(['double-booking'])
    expect(handoverRefusal(state)).toBe('in-conflict')
  })

  it('clears the double booking only when both loans are returned', () => {
    const base = [ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a'), ev('handed-out', '03', 'loan:b')]
    const oneBack = foldDeviceEvents([...base, ev('returned', '05', 'loan:a')])
    expect(oneBack.inConflict).toBe(false)
    expect(oneBack.status).toBe('on-loan')
    const bothBack = foldDeviceEvents([...base, ev('returned', '05', 'loan:a'), ev('returned', '06', 'loan:b')])
    expect(bothBack.status).toBe('to-refurbish')
  })

  it('records a transition that should not happen instead of dropping it', () => {
    const state = foldDeviceEvents([ev('intake', '01'), ev('returned', '02', 'loan:x')])
    expect(state.status).toBe('to-refurbish')
    expect(state.anomalies).toEqual([expect.objectContaining({ type: 'returned', problem: 'not-allowed' })])
  })

  it('never loses an event: each one either moves the state or becomes an anomaly (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...DEVICE_EVENT_TYPES), { maxLength: 30 }), (types) => {
      const events = types.map((type, i) => ({ id: `e${String(i).padStart(3, '0')}`, type, at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`, loanId: `loan:${i}` }))
      const state = foldDeviceEvents(events)
      const moved = events.length - state.anomalies.length
      expect(moved).toBeGreaterThanOrEqual(0)
      expect(state.status === null).toBe(moved === 0)
      expect(state.inConflict).toBe(state.activeLoans.length > 1)
    }))
  })
})

describe('handover and its refurbishment record', () => {
  it('remembers the refurbishment that made the device ready, and forgets it when the device goes out', () => {
    const r = ev('refurbished', '02')
    expect(foldDeviceEvents([ev('intake', '01'), r]).refurbishmentId).toBe(r.id)
    expect(foldDeviceEvents([ev('intake', '01'), r, { ...ev('handed-out', '03', 'loan:a'), refurbishmentId: r.id }]).refurbishmentId).toBeNull()
  })

  it('flags a handover that names an older refurbishment (made before the last return)', () => {
    const old = ev('refurbished', '02')
    const events = [ev('intake', '01'), old, { ...ev('handed-out', '03', 'loan:a'), refurbishmentId: old.id }, ev('returned', '04', 'loan:a'), ev('refurbished', '05'), { ...ev('handed-out', '06', 'loan:b'), refurbishmentId: old.id }]
    const state = foldDeviceEvents(events)
    expect(state.status).toBe('on-loan')
    expect(state.anomalies).toEqual([expect.objectContaining({ problem: 'no-refurbishment', type: 'handed-out' })])
  })

  it('a repair uses up the refurbishment: the device must be refurbished again', () => {
    const state = foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02'), ev('sent-to-repair', '03'), ev('repaired', '04')])
    expect(state.status).toBe('to-refurbish')
    expect(state.refurbishmentId).toBeNull()
    expect(handoverRefusal(state)).toBe('no-refurbishment')
  })

  it('a lost or retired device cannot be handed out', () => {
    expect(handoverRefusal(foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02'), ev('lost', '03')]))).toBe('not-ready')
    expect(handoverRefusal(foldDeviceEvents([ev('intake', '01'), ev('retired', '02')]))).toBe('not-ready')
    expect(handoverRefusal(foldDeviceEvents([]))).toBe('not-ready')
  })
})
