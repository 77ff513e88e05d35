import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canApply, DEVICE_EVENT_TYPES, DEVICE_STATUSES, doubleBookingResolution, foldDeviceEvents, handoverRefusal, openAnomalies, type DeviceEventFact, type DeviceEventType } from '../../src/domain'

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
      'on-loan': ['returned', 'lost', 'loan-cancelled'],
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

describe('a coordinator settles a double booking', () => {
  const booked = () => [ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a'), ev('handed-out', '03', 'loan:b')]
  const cancel = (at: string, loanId: string, keptLoanId: string): DeviceEventFact => ({ ...ev('loan-cancelled', at, loanId), keptLoanId })

  it('cancels every loan but the one that stands', () => {
    expect(doubleBookingResolution(foldDeviceEvents(booked()), 'loan:b')).toEqual({ ok: true, cancel: ['loan:a'] })
    const triple = [...booked(), ev('handed-out', '04', 'loan:c')]
    expect(doubleBookingResolution(foldDeviceEvents(triple), 'loan:c')).toEqual({ ok: true, cancel: ['loan:a', 'loan:b'] })
  })

  it('refuses a decision when there is no double booking, or for a loan that does not hold the device', () => {
    const single = foldDeviceEvents([ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a')])
    expect(doubleBookingResolution(single, 'loan:a')).toEqual({ ok: false, code: 'not-in-conflict' })
    expect(doubleBookingResolution(foldDeviceEvents(booked()), 'loan:z')).toEqual({ ok: false, code: 'unknown-loan' })
  })

  it('the cancelled loan leaves the device, which is no longer in conflict but stays on loan', () => {
    const state = foldDeviceEvents([...booked(), cancel('05', 'loan:a', 'loan:b')])
    expect(state.inConflict).toBe(false)
    expect(state.status).toBe('on-loan')
    expect(state.activeLoans).toEqual(['loan:b'])
    expect(state.cancelledLoans).toEqual(['loan:a'])
    expect(handoverRefusal(state)).toBe('not-ready')
    // The double booking stays in the history, settled: nothing is left to check.
    expect(state.anomalies).toEqual([expect.objectContaining({ problem: 'double-booking', settled: true })])
    expect(openAnomalies(state)).toEqual([])
    // The kept loan comes back as usual: the device goes to be refurbished.
    expect(foldDeviceEvents([...booked(), cancel('05', 'loan:a', 'loan:b'), ev('returned', '06', 'loan:b')]).status).toBe('to-refurbish')
  })

  it('needs one cancellation per extra loan when three tablets lent the device', () => {
    const triple = [...booked(), ev('handed-out', '04', 'loan:c')]
    const half = foldDeviceEvents([...triple, cancel('05', 'loan:a', 'loan:c')])
    expect(half.inConflict).toBe(true)
    expect(openAnomalies(half)).toHaveLength(2)
    const settled = foldDeviceEvents([...triple, cancel('05', 'loan:a', 'loan:c'), cancel('05', 'loan:b', 'loan:c')])
    expect(settled.inConflict).toBe(false)
    expect(settled.activeLoans).toEqual(['loan:c'])
  })

  it('two coordinators deciding differently offline: the earlier decision stands, the later one is an anomaly', () => {
    const events = [...booked(), cancel('05', 'loan:a', 'loan:b'), cancel('06', 'loan:b', 'loan:a')]
    for (const order of [events, [...events].reverse()]) {
      const state = foldDeviceEvents(order)
      expect(state.activeLoans).toEqual(['loan:b'])
      expect(state.cancelledLoans).toEqual(['loan:a'])
      expect(state.anomalies.map(a => [a.type, a.problem])).toEqual([['handed-out', 'double-booking'], ['loan-cancelled', 'not-allowed']])
      // The overruled decision is left for a coordinator to see.
      expect(openAnomalies(state).map(a => a.type)).toEqual(['loan-cancelled'])
    }
  })

  it('a cancellation without a double booking changes nothing and is flagged', () => {
    const single = [ev('intake', '01'), ev('refurbished', '02'), ev('handed-out', '03', 'loan:a')]
    const state = foldDeviceEvents([...single, cancel('04', 'loan:a', 'loan:b')])
    expect(state.activeLoans).toEqual(['loan:a'])
    expect(state.cancelledLoans).toEqual([])
    expect(state.anomalies).toEqual([expect.objectContaining({ type: 'loan-cancelled', problem: 'not-allowed' })])
  })
})
