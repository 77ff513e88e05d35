import { localDay, MUNICIPALITY_SLUGS, sessionMinutes, type ClassSessionFact, type Facts, type MunicipalitySlug, type Period } from '../../domain'
import { lendingTables, queryDevices, queryLoans } from '../lending/query'
import type { ReadModel } from '../read-model'
import { localDayStart } from '../session-query'

/**
 * The local calendar day of an instant (`at`, UTC) within the period, found among the period's
 * local midnights: the same day `localDay` gives, without making a date for each of 100,000 rows.
 */
export function localDays(period: Period): (at: string) => string {
  const days: string[] = []
  const [y, m, d] = period.from.split('-').map(Number) as [number, number, number]
  for (let i = 0; days.length === 0 || days[days.length - 1]! < period.to; i++)
    days.push(new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10))
  const starts = days.map(day => localDayStart(day))
  return (at) => {
    let [lo, hi] = [0, starts.length - 1]
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= at)
        lo = mid
      else
        hi = mid - 1
    }
    return days[lo]!
  }
}

/**
 * The facts the dashboard and the funder report fold, read from the read model for a period and
 * a set of municipalities. Sessions come by `[municipality+at]` ranges, class meetings by date;
 * the lending registries are small and read whole. No names leave this function.
 */
export async function loadFacts(rm: ReadModel, municipalities: readonly MunicipalitySlug[], period: Period, now = new Date()): Promise<Facts> {
  const scope = new Set<string>(municipalities)
  const [lo, hi] = [localDayStart(period.from), localDayStart(period.to, 1)]
  // Every municipality asked: one range of the `at` index holds exactly the period's sessions.
  const sessionRows = MUNICIPALITY_SLUGS.every(m => scope.has(m))
    ? await rm.sessions.where('at').between(lo, hi, true, false).toArray()
    : (await Promise.all(municipalities.map(m => rm.sessions.where('[municipality+at]').between([m, lo], [m, hi], true, false).toArray()))).flat()
  const dayOf = localDays(period)
  const t = lendingTables(rm)
  const [loans, returns, visits, devices, refurbished, meetings] = await Promise.all([
    queryLoans(rm, now),
    t.events.where('type').equals('returned').toArray(),
    t.visits.filter(v => v.date >= period.from && v.date <= period.to).toArray(),
    queryDevices(rm),
    t.events.where('type').equals('refurbished').toArray(),
    rm.courseSessions.where('date').between(period.from, period.to, true, true).toArray(),
  ])
  const returnedOn = new Map(returns.map(e => [e.loanId, localDay(new Date(e.at))]))
  const loanMunicipality = new Map(loans.map(l => [l.id, l.municipality]))
  const courses = new Map((await rm.courses.bulkGet([...new Set(meetings.map(m => m.courseId))])).flatMap(c => (c ? [[c.id, c] as const] : [])))
  const classes: ClassSessionFact[] = await Promise.all(meetings.filter(m => scope.has(m.municipality)).map(async m => ({
    courseId: m.courseId,
    municipality: m.municipality,
    date: m.date,
    minutes: sessionMinutes(m),
    cancelled: m.cancelled || !courses.has(m.courseId),
    marks: (await rm.attendance.where('sessionId').equals(m.id).toArray()).map(a => ({ personId: a.personId, status: a.status })),
  })))
  const refurbishedOn = new Map<string, string[]>()
  for (const e of refurbished)
    refurbishedOn.set(e.assetTag, [...(refurbishedOn.get(e.assetTag) ?? []), localDay(new Date(e.at))])
  return {
    sessions: sessionRows.map(s => ({ day: dayOf(s.at), municipality: s.municipality, personId: s.personId, categories: s.categories, outcome: s.outcome, helpMode: s.helpMode })),
    // A loan a coordinator cancelled to settle a double booking never held the device: not a contact.
    loans: loans.filter(l => scope.has(l.municipality) && !l.cancelled).map(l => ({ municipality: l.municipality, personId: l.personId, startDate: l.startDate, endDate: l.currentEndDate, returnedOn: l.returned ? returnedOn.get(l.id) ?? l.currentEndDate : null })),
    classes,
    visits: visits.flatMap(v => (scope.has(loanMunicipality.get(v.loanId) ?? '') ? [{ municipality: loanMunicipality.get(v.loanId)!, personId: v.personId, date: v.date }] : [])),
    devices: devices.filter(d => scope.has(d.municipality)).map(d => ({ status: d.state.status, refurbishedOn: refurbishedOn.get(d.assetTag) ?? [] })),
  }
}
