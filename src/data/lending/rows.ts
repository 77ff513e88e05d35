import type { DeviceEvent, DeviceState, EligibilityBasis, HomeVisit } from '../../domain'

/**
 * Rows of the lending tables of the read model. Each carries its document id and the database it
 * came from (`db`), like every projected row. A device's status is not a row: it is folded from
 * its event rows when a query reads them (`lending-query.ts`).
 */
export interface DeviceRecord {
  id: string
  db: string
  assetTag: string
  type: string
  brand: string
  model: string
  serial: string
  specs?: string
  sourceKind: string
  sourceFrom?: string
  accessories: string[]
  notes?: string
  municipality: string
  createdBy: string
  conflicted: boolean
}

/** An event row: the fold's fact plus what the history shows (the type-specific details). */
export interface DeviceEventRecord {
  id: string
  db: string
  assetTag: string
  type: DeviceEvent['type']
  /** `at` normalised to UTC, so string order is time order. */
  at: string
  loanId?: string
  refurbishmentId?: string
  createdBy: string
  note?: string
  details: Record<string, unknown>
}

export interface LoanRecord {
  id: string
  db: string
  assetTag: string
  personId: string
  refurbishmentId: string
  eligibilityBasis: EligibilityBasis
  eligibilityReferrer?: string
  eligibilityCheckedBy: string
  eligibilityCheckedOn: string
  accessories: string[]
  condition: string
  conditionNote?: string
  startDate: string
  endDate: string
  agreementVersion: string
  agreementText: string
  signedAt: string
  signed: boolean
  municipality: string
  createdBy: string
  conflicted: boolean
}

export interface LoanExtensionRecord {
  id: string
  db: string
  loanId: string
  newEndDate: string
  reason?: string
  createdBy: string
  createdAt: string
}

export type HomeVisitRecord = Pick<HomeVisit, 'loanId' | 'personId' | 'date' | 'staff' | 'topic' | 'durationMinutes' | 'outcome'> & {
  id: string
  db: string
  note?: string
}

/** A device as lists show it: its inventory row plus the fold of its events. */
export interface DeviceView extends Omit<DeviceRecord, 'db'> {
  state: DeviceState
}

/** A loan as lists show it: its row, its end date after extensions, and whether it is back. */
export interface LoanView extends Omit<LoanRecord, 'db'> {
  currentEndDate: string
  returned: boolean
  /** Cancelled by a coordinator to settle a double booking: it never held the device. */
  cancelled: boolean
  overdue: boolean
  extensions: LoanExtensionRecord[]
}

export interface DeviceDetail {
  device: DeviceView
  events: DeviceEventRecord[]
  loans: LoanView[]
}
