/**
 * A device's status is the fold of its immutable events, never a field someone overwrites. Events
 * made offline on two tablets can arrive in any order, so the fold sorts them by time and keeps
 * going past a transition that should not happen: it records an anomaly for the coordinator
 * instead of dropping the event. Two handovers with no return between them are a double booking.
 */
export const DEVICE_STATUSES = ['to-refurbish', 'ready', 'on-loan', 'in-repair', 'lost', 'retired'] as const
export type DeviceStatus = (typeof DEVICE_STATUSES)[number]

export const DEVICE_EVENT_TYPES = ['intake', 'refurbished', 'handed-out', 'returned', 'sent-to-repair', 'repaired', 'lost', 'retired', 'loan-cancelled'] as const
export type DeviceEventType = (typeof DEVICE_EVENT_TYPES)[number]

export interface DeviceEventFact {
  id: string
  type: DeviceEventType
  /** When it happened (ISO timestamp); ties are broken by id, which sorts by creation time. */
  at: string
  loanId?: string
  /** On a handover: the refurbishment event it relies on. */
  refurbishmentId?: string
  /** On a cancellation: the loan the coordinator kept. */
  keptLoanId?: string
}

/** From which statuses each event may happen, and where it leads. `null` means: from nothing (intake). */
const TRANSITIONS: Record<DeviceEventType, { from: ReadonlyArray<DeviceStatus | null>, to: DeviceStatus }> = {
  'intake': { from: [null], to: 'to-refurbish' },
  'refurbished': { from: ['to-refurbish'], to: 'ready' },
  'handed-out': { from: ['ready'], to: 'on-loan' },
  'returned': { from: ['on-loan'], to: 'to-refurbish' },
  'sent-to-repair': { from: ['to-refurbish', 'ready'], to: 'in-repair' },
  'repaired': { from: ['in-repair'], to: 'to-refurbish' },
  'lost': { from: ['on-loan', 'to-refurbish', 'ready', 'in-repair'], to: 'lost' },
  'retired': { from: ['to-refurbish', 'ready', 'in-repair', 'lost'], to: 'retired' },
  // A coordinator's decision on a double booking: the device stays with the loan that stands.
  'loan-cancelled': { from: ['on-loan'], to: 'on-loan' },
}

export function canApply(status: DeviceStatus | null, type: DeviceEventType): boolean {
  return TRANSITIONS[type].from.includes(status)
}

export interface DeviceAnomaly {
  eventId: string
  type: DeviceEventType
  /** The status the device had when the event arrived. */
  status: DeviceStatus | null
  /**
   * `double-booking` when a handover finds the device already on loan; `no-refurbishment` when a
   * handover names a refurbishment that is not the one after the device's last return.
   */
  problem: 'double-booking' | 'not-allowed' | 'no-refurbishment'
  /** A double booking a coordinator settled: kept in the history, no longer to check. */
  settled?: boolean
}

export interface DeviceState {
  status: DeviceStatus | null
  /** The loans that currently hold the device: more than one is a double booking. */
  activeLoans: string[]
  /** Loans a coordinator cancelled to settle a double booking: they never held the device. */
  cancelledLoans: string[]
  anomalies: DeviceAnomaly[]
  /** True while a double booking is unresolved: the device shows as in conflict. */
  inConflict: boolean
  lastEventAt: string | null
  /** The refurbishment that made the device ready since it last came back: a handover names it. */
  refurbishmentId: string | null
}

export function compareEvents(a: DeviceEventFact, b: DeviceEventFact): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export function foldDeviceEvents(events: readonly DeviceEventFact[]): DeviceState {
  const state: DeviceState = { status: null, activeLoans: [], cancelledLoans: [], anomalies: [], inConflict: false, lastEventAt: null, refurbishmentId: null }
  for (const event of [...events].sort(compareEvents)) {
    state.lastEventAt = event.at
    if (event.type === 'loan-cancelled') {
      applyCancellation(state, event)
      continue
    }
    if (event.type === 'handed-out' && state.status === 'on-loan') {
      state.anomalies.push({ eventId: event.id, type: event.type, status: state.status, problem: 'double-booking' })
      if (event.loanId)
        state.activeLoans.push(event.loanId)
      continue
    }
    if (!canApply(state.status, event.type)) {
      state.anomalies.push({ eventId: event.id, type: event.type, status: state.status, problem: 'not-allowed' })
      continue
    }
    if (event.type === 'handed-out') {
      state.activeLoans = event.loanId ? [event.loanId] : []
      // The device did go out, so the status follows; the coordinator sees the missing record.
      if (event.refurbishmentId !== undefined && event.refurbishmentId !== state.refurbishmentId)
        state.anomalies.push({ eventId: event.id, type: event.type, status: state.status, problem: 'no-refurbishment' })
    }
    if (event.type === 'returned') {
      // A return closes the loan it names; a double booking stays until every loan is returned.
      state.activeLoans = state.activeLoans.filter(id => id !== event.loanId)
      if (state.activeLoans.length > 0) {
        state.anomalies.push({ eventId: event.id, type: event.type, status: state.status, problem: 'double-booking' })
        continue
      }
    }
    if (event.type === 'lost' || event.type === 'retired')
      state.activeLoans = []
    state.status = TRANSITIONS[event.type].to
    // A refurbishment counts for the next handover only; anything that sends the device back to
    // refurbishing (a return, a repair) uses it up.
    if (event.type === 'refurbished')
      state.refurbishmentId = event.id
    else if (state.status !== 'ready')
      state.refurbishmentId = null
  }
  state.inConflict = state.activeLoans.length > 1
  return state
}

/**
 * A cancellation counts only while the double booking it settles is still open and both the loan
 * it cancels and the loan it keeps hold the device. Two coordinators deciding differently offline
 * both sync: the earlier decision stands on every tablet, the later one is an anomaly in the history.
 */
function applyCancellation(state: DeviceState, event: DeviceEventFact): void {
  const { loanId, keptLoanId } = event
  const applies = state.status === 'on-loan' && loanId !== undefined && keptLoanId !== undefined && loanId !== keptLoanId
    && state.activeLoans.includes(loanId) && state.activeLoans.includes(keptLoanId)
  if (!applies) {
    state.anomalies.push({ eventId: event.id, type: event.type, status: state.status, problem: 'not-allowed' })
    return
  }
  state.activeLoans = state.activeLoans.filter(id => id !== loanId)
  state.cancelledLoans.push(loanId)
  if (state.activeLoans.length === 1) {
    for (const anomaly of state.anomalies)
      anomaly.settled = anomaly.settled || anomaly.problem === 'double-booking'
  }
}

/** Anomalies a coordinator still has to look at. */
export function openAnomalies(state: Pick<DeviceState, 'anomalies'>): DeviceAnomaly[] {
  return state.anomalies.filter(a => a.settled !== true)
}

/**
 * The loans to cancel so that `keptLoanId` is the one that stands: every other loan holding the
 * device. Refused when the device is not double booked or the kept loan does not hold it.
 */
export function doubleBookingResolution(state: DeviceState, keptLoanId: string): { ok: true, cancel: string[] } | { ok: false, code: 'not-in-conflict' | 'unknown-loan' } {
  if (!state.inConflict)
    return { ok: false, code: 'not-in-conflict' }
  if (!state.activeLoans.includes(keptLoanId))
    return { ok: false, code: 'unknown-loan' }
  return { ok: true, cancel: state.activeLoans.filter(id => id !== keptLoanId) }
}

/** A device may be handed out only when its fold says ready: that needs a refurbishment record. */
export function handoverRefusal(state: DeviceState): 'no-refurbishment' | 'in-conflict' | 'not-ready' | null {
  if (state.inConflict)
    return 'in-conflict'
  if (state.status === 'to-refurbish')
    return 'no-refurbishment'
  return state.status === 'ready' ? null : 'not-ready'
}
