import { liveQuery } from 'dexie'
import {
  buildDevice, buildDeviceEvent, buildHomeVisit, buildLoan, canApply, DB, doubleBookingResolution, handoverRefusal, isCoordinator,
  lendingMunicipality, LOAN_EXTENSION_KIND, newId, normaliseAssetTag, SIGNATURE_ATTACHMENT, validateLoanExtension,
  type Device, type DeviceEvent, type DeviceEventType, type DeviceInput, type HomeVisit, type HomeVisitInput, type Loan, type LoanExtension,
  type LoanInput, type StaffProfile, type Validated,
} from '../../domain'
import { isNotFound } from '../pouch'
import { queryDevice } from './query'
import { writeLending, type LendingDeps } from './writer'

export type HandoverInput = Omit<LoanInput, 'refurbishmentId' | 'municipality'>
export type EventPayload = Record<string, unknown> & { type: Exclude<DeviceEventType, 'intake' | 'handed-out' | 'loan-cancelled'> }

const refused = <T>(path: string, code: string): Validated<T> => ({ ok: false, issues: [{ path, code }] })

/** Devices, their events, loans, extensions and home visits: written through PouchDB, read from Dexie. */
export class LendingRepository {
  constructor(private readonly deps: LendingDeps) {}

  /** Registers a device and its intake in one write; an asset tag already in use is refused. */
  async registerDevice(input: Omit<DeviceInput, 'municipality'>, staff: StaffProfile): Promise<Validated<Device>> {
    const now = new Date()
    const municipality = lendingMunicipality(staff)
    const built = buildDevice({ ...input, municipality }, { staff: staff.name, now: now.toISOString() })
    if (!built.ok)
      return built
    if (await this.exists(built.value._id))
      return refused('assetTag', 'assetTagTaken')
    const intake = this.event(built.value.assetTag, { type: 'intake' }, staff, municipality, now)
    if (!intake.ok)
      return refused('assetTag', 'invalidAssetTag')
    await writeLending(this.deps, [built.value, intake.value])
    return built
  }

  /** Adds an event (refurbished, returned, repair, lost, retired) if the device's status allows it now. */
  async recordEvent(tag: string, payload: EventPayload, staff: StaffProfile): Promise<Validated<DeviceEvent>> {
    const detail = await queryDevice(this.deps.rm, normaliseAssetTag(tag))
    if (!detail)
      return refused('assetTag', 'unknownDevice')
    if (!canApply(detail.device.state.status, payload.type))
      return refused('type', 'notAllowedNow')
    const built = this.event(detail.device.assetTag, payload, staff, lendingMunicipality(staff, detail.device.municipality), new Date())
    if (built.ok)
      await writeLending(this.deps, [built.value])
    return built
  }

  /**
   * The handover: refused unless the device's fold says ready, which needs a refurbishment record
   * since its last return. The loan names that record, and so does its `handed-out` event.
   */
  async handOver(input: HandoverInput, staff: StaffProfile): Promise<Validated<Loan>> {
    const detail = await queryDevice(this.deps.rm, normaliseAssetTag(input.assetTag))
    if (!detail)
      return refused('assetTag', 'unknownDevice')
    const refusal = handoverRefusal(detail.device.state)
    if (refusal || !detail.device.state.refurbishmentId)
      return refused('assetTag', refusal ?? 'no-refurbishment')
    const now = new Date()
    const municipality = lendingMunicipality(staff, detail.device.municipality)
    const refurbishmentId = detail.device.state.refurbishmentId
    const loan = buildLoan({ ...input, assetTag: detail.device.assetTag, refurbishmentId, municipality }, { id: newId('loan', now.getTime()), staff: staff.name, now: now.toISOString() })
    if (!loan.ok)
      return loan
    const event = this.event(detail.device.assetTag, { type: 'handed-out', loanId: loan.value._id, refurbishmentId }, staff, municipality, now)
    if (!event.ok)
      return refused('assetTag', 'no-refurbishment')
    await writeLending(this.deps, [loan.value, event.value])
    return loan
  }

  /**
   * A coordinator's decision on a double booking: `keptLoanId` stands, every other loan holding the
   * device is cancelled by a new event (nothing is deleted). Written in one `bulkDocs`, so the device
   * leaves "in conflict" at once here and, after sync, on every tablet.
   */
  async resolveDoubleBooking(tag: string, keptLoanId: string, staff: StaffProfile): Promise<Validated<DeviceEvent[]>> {
    if (!isCoordinator(staff))
      return refused('keptLoanId', 'coordinatorOnly')
    const detail = await queryDevice(this.deps.rm, normaliseAssetTag(tag))
    if (!detail)
      return refused('assetTag', 'unknownDevice')
    const decision = doubleBookingResolution(detail.device.state, keptLoanId)
    if (!decision.ok)
      return refused('keptLoanId', decision.code)
    const now = new Date()
    const events: DeviceEvent[] = []
    for (const loanId of decision.cancel) {
      // Coordinators may write for any municipality: the decision belongs where the device does.
      const built = this.event(detail.device.assetTag, { type: 'loan-cancelled', loanId, keptLoanId }, staff, detail.device.municipality, now)
      if (!built.ok)
        return built
      events.push(built.value)
    }
    await writeLending(this.deps, events)
    return { ok: true, value: events }
  }

  async extend(loanId: string, newEndDate: string, reason: string, staff: StaffProfile): Promise<Validated<LoanExtension>> {
    const now = new Date().toISOString()
    const trimmed = reason.trim()
    const built = validateLoanExtension({
      _id: newId('loan-extension'), kind: LOAN_EXTENSION_KIND, schemaVersion: 1, createdAt: now, createdBy: staff.name, updatedAt: now,
      municipality: lendingMunicipality(staff), loanId, newEndDate, ...(trimmed ? { reason: trimmed } : {}),
    })
    if (built.ok)
      await writeLending(this.deps, [built.value])
    return built
  }

  async addVisit(input: Omit<HomeVisitInput, 'municipality'>, staff: StaffProfile): Promise<Validated<HomeVisit>> {
    const now = new Date()
    const built = buildHomeVisit({ ...input, municipality: lendingMunicipality(staff) }, { id: newId('visit', now.getTime()), staff: staff.name, now: now.toISOString() })
    if (built.ok)
      await writeLending(this.deps, [built.value])
    return built
  }

  /** The borrower's drawn signature, for the printed agreement. */
  async signature(loanId: string): Promise<Blob | null> {
    try {
      const data = await this.deps.pouch.local(DB.lending).getAttachment(loanId, SIGNATURE_ATTACHMENT)
      // Browsers get a Blob; PouchDB on Node (tests, tools) gives the bytes: one type for every caller.
      return data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>], { type: 'image/png' })
    }
    catch (err) {
      if (isNotFound(err))
        return null
      throw err
    }
  }

  /** Calls `onValue` now and after every change to what `query` reads. */
  watch<T>(query: () => Promise<T>, onValue: (value: T) => void): () => void {
    const subscription = liveQuery(query).subscribe({ next: onValue, error: err => console.error('lending query failed', err) })
    return () => subscription.unsubscribe()
  }

  private async exists(id: string): Promise<boolean> {
    try {
      await this.deps.pouch.local(DB.lending).get(id)
      return true
    }
    catch (err) {
      if (isNotFound(err))
        return false
      throw err
    }
  }

  private event(tag: string, payload: Record<string, unknown> & { type: DeviceEventType }, staff: StaffProfile, municipality: string, now: Date) {
    const ulid = newId('device-event', now.getTime()).slice('device-event:'.length)
    return buildDeviceEvent(tag, payload, { ulid, staff: staff.name, now: now.toISOString(), municipality })
  }
}
