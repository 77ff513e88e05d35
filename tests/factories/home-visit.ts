import { buildHomeVisit, newId, type HomeVisit, type HomeVisitInput } from '../../src/domain'

/** A home-support visit for a loan: 45 minutes on e-mail, solved. Throws when the overrides make it invalid. */
export function makeHomeVisit(overrides: Partial<HomeVisitInput> & Pick<HomeVisitInput, 'loanId' | 'personId'> & { now?: string }): HomeVisit {
  const { now = '2026-02-10T10:00:00.000Z', ...input } = overrides
  const result = buildHomeVisit({ date: now.slice(0, 10), staff: 'lena', topic: 'email', durationMinutes: 45, outcome: 'opgelost', municipality: 'arendonk', ...input }, { id: newId('visit', Date.parse(now)), staff: input.staff ?? 'lena', now })
  if (!result.ok)
    throw new Error(`makeHomeVisit: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}
