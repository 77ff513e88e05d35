import type { ClassSessionFact, Facts, LoanFact, SessionFact, VisitFact } from '../../src/domain'

/** Facts for the dashboard and funder report folds: a help session on a day, by default anonymous in Arendonk. */
export function makeSessionFact(overrides: Partial<SessionFact> = {}): SessionFact {
  return { day: '2026-03-02', municipality: 'arendonk', categories: ['itsme'], outcome: 'opgelost', helpMode: 'samen-gedaan', ...overrides }
}

export function makeLoanFact(overrides: Partial<LoanFact> & Pick<LoanFact, 'personId'>): LoanFact {
  return { municipality: 'ravels', startDate: '2026-01-10', endDate: '2027-01-10', returnedOn: null, ...overrides }
}

export function makeClassFact(overrides: Partial<ClassSessionFact> = {}): ClassSessionFact {
  return { courseId: 'course:A', municipality: 'merksplas', date: '2026-03-04', minutes: 120, cancelled: false, marks: [], ...overrides }
}

export function makeVisitFact(overrides: Partial<VisitFact> & Pick<VisitFact, 'personId'>): VisitFact {
  return { municipality: 'ravels', date: '2026-03-05', ...overrides }
}

export function makeFacts(overrides: Partial<Facts> = {}): Facts {
  return { sessions: [], loans: [], classes: [], visits: [], devices: [], ...overrides }
}
