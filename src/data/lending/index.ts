import type { Device, Person, DeviceInput, DeviceEvent, HomeVisit, HomeVisitInput, Loan, LoanExtension, StaffProfile, Validated } from '../../domain'
import { saveLoanPhone } from './borrowers'
import { queryDevice, queryDevices, queryLoan, queryLoans, queryVisits } from './query'
import { LendingRepository, type EventPayload, type HandoverInput } from './repository'
import type { DeviceDetail, DeviceView, HomeVisitRecord, LoanView } from './rows'
import type { LendingDeps } from './writer'

export type { Borrower, BorrowerInput } from './borrowers'
export type { EventPayload, HandoverInput } from './repository'
export type { DeviceDetail, DeviceEventRecord, DeviceView, HomeVisitRecord, LoanView } from './rows'

/** The lending part of the data layer: inventory, device events, loans, extensions, home visits. */
export interface LendingApi {
  registerDevice(input: Omit<DeviceInput, 'municipality'>, staff: StaffProfile): Promise<Validated<Device>>
  recordEvent(tag: string, payload: EventPayload, staff: StaffProfile): Promise<Validated<DeviceEvent>>
  handOver(input: HandoverInput, staff: StaffProfile): Promise<Validated<Loan>>
  /** A coordinator keeps one loan of a double booking; the others are cancelled by new events. */
  resolveDoubleBooking(tag: string, keptLoanId: string, staff: StaffProfile): Promise<Validated<DeviceEvent[]>>
  extend(loanId: string, newEndDate: string, reason: string, staff: StaffProfile): Promise<Validated<LoanExtension>>
  addVisit(input: Omit<HomeVisitInput, 'municipality'>, staff: StaffProfile): Promise<Validated<HomeVisit>>
  signature(loanId: string): Promise<Blob | null>
  device(tag: string): Promise<DeviceDetail | null>
  watchDevices(onRows: (rows: DeviceView[]) => void): () => void
  watchDevice(tag: string, onDetail: (detail: DeviceDetail | null) => void): () => void
  watchLoans(onRows: (rows: LoanView[]) => void): () => void
  watchLoan(id: string, onLoan: (loan: LoanView | null) => void): () => void
  watchVisits(loanId: string, onRows: (rows: HomeVisitRecord[]) => void): () => void
  /**
   * The phone number a loan needs, added to the borrower's registration (searching and registering
   * residents is the desk's people API).
   */
  saveLoanPhone(personId: string, phone: string, staff: StaffProfile): Promise<Validated<Person>>
}

export function createLendingApi(deps: LendingDeps): LendingApi {
  const repo = new LendingRepository(deps)
  const { rm } = deps
  return {
    registerDevice: (input, staff) => repo.registerDevice(input, staff),
    recordEvent: (tag, payload, staff) => repo.recordEvent(tag, payload, staff),
    handOver: (input, staff) => repo.handOver(input, staff),
    resolveDoubleBooking: (tag, kept, staff) => repo.resolveDoubleBooking(tag, kept, staff),
    extend: (loanId, end, reason, staff) => repo.extend(loanId, end, reason, staff),
    addVisit: (input, staff) => repo.addVisit(input, staff),
    signature: loanId => repo.signature(loanId),
    device: tag => queryDevice(rm, tag),
    watchDevices: onRows => repo.watch(() => queryDevices(rm), onRows),
    watchDevice: (tag, onDetail) => repo.watch(() => queryDevice(rm, tag), onDetail),
    watchLoans: onRows => repo.watch(() => queryLoans(rm), onRows),
    watchLoan: (id, onLoan) => repo.watch(() => queryLoan(rm, id), onLoan),
    watchVisits: (loanId, onRows) => repo.watch(() => queryVisits(rm, loanId), onRows),
    saveLoanPhone: (personId, phone, staff) => saveLoanPhone(deps, personId, phone, staff),
  }
}
