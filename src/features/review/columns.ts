import type { ReviewKind } from '../../stores/review'

/** The columns of each review list, in order; the same keys head the CSV export. */
export const COLUMNS: Record<ReviewKind, readonly string[]> = {
  sessions: ['startedAt', 'municipality', 'location', 'staff', 'categories', 'outcome', 'helpMode', 'minutes', 'anonymous'],
  residents: ['lastName', 'firstName', 'postcode', 'birthYear', 'municipality'],
  devices: ['assetTag', 'type', 'model', 'municipality', 'status', 'lastEventAt'],
  loans: ['assetTag', 'startDate', 'endDate', 'municipality', 'staff', 'status'],
  courses: ['title', 'topic', 'municipality', 'location', 'trainers', 'sessions', 'attendanceRate', 'hours'],
}

/** Which filters make sense for each list. */
export const FILTERS: Record<ReviewKind, ReadonlyArray<'location' | 'staff' | 'period' | 'category' | 'status'>> = {
  sessions: ['location', 'staff', 'period', 'category', 'status'],
  residents: [],
  devices: ['status'],
  loans: ['staff', 'period', 'status'],
  courses: ['location', 'staff', 'period', 'category'],
}
