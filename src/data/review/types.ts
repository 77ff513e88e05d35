import type { MunicipalitySlug } from '../../domain'

/** The record kinds a coordinator reviews, each a list with its own columns. */
export const REVIEW_KINDS = ['sessions', 'residents', 'devices', 'loans', 'courses'] as const
export type ReviewKind = (typeof REVIEW_KINDS)[number]

/**
 * Filters of a review list. Dates are local calendar days, both ends included; `status` means the
 * outcome of a session, the status of a device or the state of a loan (active, overdue, returned).
 */
export interface ReviewFilter {
  /** The coordinator's scope: nothing outside it is listed. */
  municipalities: readonly MunicipalitySlug[]
  municipality?: string | undefined
  location?: string | undefined
  staff?: string | undefined
  from?: string | undefined
  to?: string | undefined
  category?: string | undefined
  status?: string | undefined
  /** Rows returned (the total is counted in full); none for an export. */
  limit?: number | undefined
}

export type ReviewCell = string | number | boolean | null

/** One row of a review list: flat cells the table and the CSV share, plus where it is fixed. */
export interface ReviewRow {
  id: string
  db: string
  cells: Record<string, ReviewCell>
  conflicted: boolean
}

export interface ReviewPage {
  rows: ReviewRow[]
  total: number
}
