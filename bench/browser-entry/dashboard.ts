import { dashboardFigures, DEVICE_STATUSES, HELP_MODES, localDay, OUTCOMES, QUESTION_CATEGORIES, type DashboardFigures, type MunicipalitySlug, type Period } from '../../src/domain'
import type { ReadModel } from '../../src/data/read-model'
import { loadFacts } from '../../src/data/review/figures'
import { localDayStart } from '../../src/data/session-query'

/** The session figures both sides compute, as plain values that compare with `JSON.stringify`. */
export interface SessionFigures {
  total: number
  anonymous: number
  residents: number
  residentsByMunicipality: Array<[string, number]>
  byCategory: Array<[string, number]>
  byOutcome: Array<[string, number]>
  byHelpMode: Array<[string, number]>
}

const sorted = (m: ReadonlyMap<string, number>): Array<[string, number]> => [...m].filter(([, n]) => n > 0).sort((a, b) => a[0].localeCompare(b[0]))

/** The app's dashboard, as its store computes it: the read model's facts folded by the domain. */
export async function appDashboard(rm: ReadModel, municipalities: readonly MunicipalitySlug[], period: Period): Promise<SessionFigures> {
  const facts = await loadFacts(rm, municipalities, period)
  const categories = [...new Set([...QUESTION_CATEGORIES, ...facts.sessions.flatMap(s => s.categories)])]
  const f: DashboardFigures = dashboardFigures(facts, period, { municipalities, categories, outcomes: OUTCOMES, helpModes: HELP_MODES, statuses: DEVICE_STATUSES }, localDay(new Date()))
  return {
    total: f.sessions.total,
    anonymous: f.sessions.anonymous,
    residents: f.residents.reached,
    residentsByMunicipality: sorted(f.residentsByMunicipality),
    byCategory: sorted(f.sessions.byCategory),
    byOutcome: sorted(f.sessions.byOutcome),
    byHelpMode: sorted(f.sessions.byHelpMode),
  }
}

/**
 * The reference: one bare index scan over the period and a hand-written loop counting the same
 * session figures (the bench's read model holds sessions only, so the other tables add nothing).
 */
export async function bareDashboard(rm: ReadModel, period: Period): Promise<SessionFigures> {
  const rows = await rm.sessions.where('at').between(localDayStart(period.from), localDayStart(period.to, 1), true, false).toArray()
  const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  const [byCategory, byOutcome, byHelpMode] = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()]
  const residents = new Set<string>()
  const byMunicipality = new Map<string, Set<string>>()
  let anonymous = 0
  for (const r of rows) {
    for (const c of r.categories)
      count(byCategory, c)
    count(byOutcome, r.outcome)
    count(byHelpMode, r.helpMode)
    if (!r.personId) {
      anonymous += 1
      continue
    }
    residents.add(r.personId)
    const set = byMunicipality.get(r.municipality) ?? new Set<string>()
    byMunicipality.set(r.municipality, set.add(r.personId))
  }
  return {
    total: rows.length,
    anonymous,
    residents: residents.size,
    residentsByMunicipality: sorted(new Map([...byMunicipality].map(([m, s]) => [m, s.size]))),
    byCategory: sorted(byCategory),
    byOutcome: sorted(byOutcome),
    byHelpMode: sorted(byHelpMode),
  }
}
