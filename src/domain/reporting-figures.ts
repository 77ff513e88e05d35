import { countsAsAttended, type AttendanceStatus } from './attendance'
import { countBy, distinctBy, distinctResidents, inPeriod, suppress, tierProgress, type Cell, type Contact, type Period, type TierProgress } from './reporting'

/**
 * The figures of the coordinator's dashboard and of the funder report, folded from flat facts the
 * read model hands over. Pure: the same facts give the same figures on every tablet.
 */
export interface SessionFact {
  day: string
  municipality: string
  personId?: string | undefined
  categories: readonly string[]
  outcome: string
  helpMode: string
}

export interface LoanFact {
  municipality: string
  personId: string
  startDate: string
  /** End date after extensions. */
  endDate: string
  /** Day the device came back, or null while it is out. */
  returnedOn: string | null
}

export interface ClassSessionFact {
  courseId: string
  municipality: string
  date: string
  minutes: number
  cancelled: boolean
  marks: ReadonlyArray<{ personId: string, status: AttendanceStatus }>
}

export interface VisitFact {
  municipality: string
  personId: string
  date: string
}

export interface DeviceFact {
  status: string | null
  /** Days the device was refurbished (wiped, reinstalled, checked). */
  refurbishedOn: readonly string[]
}

export interface Facts {
  sessions: readonly SessionFact[]
  loans: readonly LoanFact[]
  classes: readonly ClassSessionFact[]
  visits: readonly VisitFact[]
  devices: readonly DeviceFact[]
}

/** A loan counts for a period when it was handed out before its end and had not come back before its start. */
function loanRuns(loan: LoanFact, period: Period): boolean {
  return loan.startDate <= period.to && (loan.returnedOn === null || loan.returnedOn >= period.from)
}

/** Every contact with a named resident in the period, as README "How a distinct resident is counted" says. */
export function contactsOf(facts: Facts, period: Period): Contact[] {
  const contacts: Contact[] = []
  for (const s of facts.sessions) {
    if (s.personId)
      contacts.push({ personId: s.personId, municipality: s.municipality, service: 'desk', day: s.day })
  }
  for (const c of facts.classes) {
    for (const m of c.cancelled ? [] : c.marks) {
      if (countsAsAttended(m.status))
        contacts.push({ personId: m.personId, municipality: c.municipality, service: 'class', day: c.date })
    }
  }
  for (const l of facts.loans) {
    if (loanRuns(l, period))
      contacts.push({ personId: l.personId, municipality: l.municipality, service: 'loan', day: l.startDate < period.from ? period.from : l.startDate })
  }
  for (const v of facts.visits)
    contacts.push({ personId: v.personId, municipality: v.municipality, service: 'visit', day: v.date })
  return contacts.filter(c => inPeriod(c.day, period))
}

export interface DashboardFigures {
  residents: TierProgress
  residentsByMunicipality: Map<string, number>
  sessions: { total: number, anonymous: number, byCategory: Map<string, number>, byOutcome: Map<string, number>, byHelpMode: Map<string, number> }
  loans: { active: number, overdue: number, returned: number }
  devices: { byStatus: Map<string, number>, refurbished: number }
  classes: { courses: number, sessions: number, attendanceRate: number | null, trainingHours: number }
}

export interface DashboardKeys {
  municipalities: readonly string[]
  categories: readonly string[]
  outcomes: readonly string[]
  helpModes: readonly string[]
  statuses: readonly string[]
}

/** The dashboard for a period; `today` bounds "active" and "overdue" for a period that is still running. */
export function dashboardFigures(facts: Facts, period: Period, keys: DashboardKeys, today: string): DashboardFigures {
  const contacts = contactsOf(facts, period)
  const sessions = facts.sessions.filter(s => inPeriod(s.day, period))
  const asOf = period.to < today ? period.to : today
  const loans = facts.loans.filter(l => loanRuns(l, period))
  const out = loans.filter(l => l.startDate <= asOf && (l.returnedOn === null || l.returnedOn > asOf))
  const held = facts.classes.filter(c => !c.cancelled && inPeriod(c.date, period))
  const marks = held.flatMap(c => c.marks.map(m => ({ minutes: c.minutes, attended: countsAsAttended(m.status) })))
  const attended = marks.filter(m => m.attended)
  return {
    residents: tierProgress(distinctResidents(contacts, period)),
    residentsByMunicipality: new Map([...keys.municipalities.map(m => [m, 0] as const), ...distinctBy(contacts, period, c => c.municipality)]),
    sessions: {
      total: sessions.length,
      anonymous: sessions.filter(s => !s.personId).length,
      byCategory: countBy(sessions, s => s.categories, keys.categories),
      byOutcome: countBy(sessions, s => s.outcome, keys.outcomes),
      byHelpMode: countBy(sessions, s => s.helpMode, keys.helpModes),
    },
    loans: {
      active: out.length,
      overdue: out.filter(l => l.endDate < asOf).length,
      returned: loans.filter(l => l.returnedOn !== null && inPeriod(l.returnedOn, period)).length,
    },
    devices: {
      byStatus: countBy(facts.devices, d => d.status ?? 'unknown', keys.statuses),
      refurbished: facts.devices.reduce((n, d) => n + d.refurbishedOn.filter(day => inPeriod(day, period)).length, 0),
    },
    classes: {
      courses: new Set(held.map(c => c.courseId)).size,
      sessions: held.length,
      attendanceRate: marks.length === 0 ? null : attended.length / marks.length,
      trainingHours: Math.round(attended.reduce((sum, m) => sum + m.minutes, 0) / 60 * 100) / 100,
    },
  }
}

export const FUNDER_SECTIONS = ['residentsByMunicipality', 'residentsByService', 'sessionsByMunicipality', 'sessionsByCategory'] as const
export type FunderSection = (typeof FUNDER_SECTIONS)[number]

/** The anonymous report: only counts, every count from 1 to 4 hidden (with a second cell where needed). */
export interface FunderReport {
  period: Period
  residents: Cell
  tier: number | null
  anonymousSessions: Cell
  sections: Record<FunderSection, Map<string, Cell>>
}

function one(n: number): Cell {
  return suppress(new Map([['n', n]])).get('n')!
}

export function funderReport(facts: Facts, period: Period, keys: Pick<DashboardKeys, 'municipalities' | 'categories'>): FunderReport {
  const contacts = contactsOf(facts, period)
  const sessions = facts.sessions.filter(s => inPeriod(s.day, period))
  const total = distinctResidents(contacts, period)
  const services = ['desk', 'class', 'loan', 'visit']
  return {
    period,
    residents: one(total),
    // The tier reached is what the funder pays on; a tier says no more than the total does.
    tier: total >= 5 ? tierProgress(total).tier : null,
    anonymousSessions: one(sessions.filter(s => !s.personId).length),
    sections: {
      residentsByMunicipality: suppress(new Map([...keys.municipalities.map(m => [m, 0] as const), ...distinctBy(contacts, period, c => c.municipality)])),
      residentsByService: suppress(new Map([...services.map(s => [s, 0] as const), ...distinctBy(contacts, period, c => c.service)])),
      sessionsByMunicipality: suppress(countBy(sessions, s => s.municipality, keys.municipalities)),
      sessionsByCategory: suppress(countBy(sessions, s => s.categories, keys.categories)),
    },
  }
}

/** A published cell as text: the number, or "<5" when hidden. */
export function cellText(cell: Cell, format: (n: number) => string = String): string {
  return 'suppressed' in cell ? '<5' : format(cell.value)
}
