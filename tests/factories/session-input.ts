import type { HelpSessionInput } from '../../src/domain'

let counter = 0

/**
 * What a volunteer fills in on the help-session form: valid by default, an anonymous walk-in with
 * an itsme question in a room in Arendonk. Each call starts a minute after the previous one, so
 * lists have a stable newest-first order.
 */
export function makeSessionInput(overrides: Partial<HelpSessionInput> = {}): HelpSessionInput {
  counter += 1
  return {
    location: 'loc-arendonk-bib',
    personId: null,
    categories: ['itsme'],
    helpMode: 'samen-gedaan',
    outcome: 'opgelost',
    durationMinutes: 15,
    startedAt: new Date(Date.UTC(2025, 2, 10, 8, 0) + counter * 60_000).toISOString(),
    ...overrides,
  }
}

/** `count` inputs, a minute apart, all with the same overrides. */
export function makeSessionInputs(count: number, overrides: Partial<HelpSessionInput> = {}): HelpSessionInput[] {
  return Array.from({ length: count }, () => makeSessionInput(overrides))
}
