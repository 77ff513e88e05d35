import { buildHelpSession, newId, type HelpSession, type HelpSessionInput } from '../../src/domain'

export interface HelpSessionOverrides extends Partial<HelpSessionInput> {
  /** The staff account stamped as `createdBy` (default `vera`, a volunteer in Arendonk). */
  staff?: string
  id?: string
  now?: string
}

let counter = 0

/**
 * A valid help-session document, built the way the app builds one (`buildHelpSession`), so it
 * passes the server's write rules. Default: an anonymous walk-in at Bibliotheek Arendonk, `itsme`, done together, solved, 15 minutes;
 * each call is a minute later than the previous one. Throws if the overrides make it invalid:
 * to test a refusal, build a valid one and change a field afterwards.
 */
export function makeHelpSession(overrides: HelpSessionOverrides = {}): HelpSession {
  counter += 1
  const { staff = 'vera', id, now, ...input } = overrides
  const at = new Date(Date.UTC(2025, 2, 10, 8, 0) + counter * 60_000)
  const result = buildHelpSession(
    { location: 'loc-arendonk-bib', personId: null, categories: ['itsme'], helpMode: 'samen-gedaan', outcome: 'opgelost', durationMinutes: 15, startedAt: at.toISOString(), ...input },
    { id: id ?? newId('session', at.getTime()), staff, now: now ?? at.toISOString() },
  )
  if (!result.ok)
    throw new Error(`makeHelpSession: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}

/** `count` valid sessions with the same overrides. */
export function makeHelpSessions(count: number, overrides: HelpSessionOverrides = {}): HelpSession[] {
  return Array.from({ length: count }, () => makeHelpSession(overrides))
}
