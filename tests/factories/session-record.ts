import { DEFAULT_LOCATIONS, HELP_MODES, OUTCOMES, QUESTION_CATEGORIES } from '../../src/domain'
import { sessionProjection } from '../../src/data/projections/sessions'
import type { SessionRecord } from '../../src/data/read-model'
import { makeHelpSession } from './help-session'

export interface SessionRecordSpread {
  /** First session's start; the rest follow `stepMinutes` apart. */
  start?: number
  stepMinutes?: number
  /** Sessions that share one start time, in different rooms (so the order must fall back to the id). */
  sameMoment?: number
  staff?: number
  residents?: number
}

/**
 * `count` help sessions as the projector stores them, spread over every room of the six
 * municipalities, several staff members, a pool of residents and anonymous walk-ins, categories,
 * outcomes and help modes; built through `makeHelpSession` and the real projection, so every row
 * is one the app could hold. For read-model tests (the benchmark at scale uses the demo Digibank).
 */
export function makeSessionRecords(count: number, spread: SessionRecordSpread = {}): SessionRecord[] {
  const { start = Date.UTC(2024, 0, 1, 8, 0), stepMinutes = 10, sameMoment = 1, staff = 40, residents = 3000 } = spread
  // The same pool on every call, so batches of one data set share their residents.
  const people = Array.from({ length: residents }, (_, i) => `person:${String(i).padStart(26, '0')}`)
  const rows: SessionRecord[] = []
  for (let j = 0; j < count; j++) {
    const location = DEFAULT_LOCATIONS[j % DEFAULT_LOCATIONS.length]!
    const at = new Date(start + Math.floor(j / sameMoment) * stepMinutes * 60_000).toISOString()
    const outcome = OUTCOMES[j % OUTCOMES.length]!
    const doc = makeHelpSession({
      location: location.id,
      startedAt: at,
      now: at,
      staff: `staff-${j % staff}`,
      personId: j % 4 === 3 ? null : people[(j * 7) % people.length]!,
      categories: [QUESTION_CATEGORIES[j % QUESTION_CATEGORIES.length]!, ...(j % 5 === 0 ? [QUESTION_CATEGORIES[(j + 3) % QUESTION_CATEGORIES.length]!] : [])],
      helpMode: HELP_MODES[j % HELP_MODES.length]!,
      outcome,
      ...(outcome === 'doorverwezen' ? { referral: 'ocmw' } : {}),
    })
    const row = sessionProjection.toRow(`dgb-m-${location.municipality}`, { ...doc, _rev: '1-generated' })
    if (!row)
      throw new Error(`makeSessionRecords: row ${j} was not projected`)
    rows.push(row)
  }
  return rows
}
