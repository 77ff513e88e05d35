import { countsAsAttended, localDay, sessionMinutes } from '../../domain'
import { queryDevices, queryLoans } from '../lending/query'
import type { ReadModel } from '../read-model'
import type { ReviewFilter, ReviewPage, ReviewRow } from './types'

/*
 * The smaller registries (residents, devices, loans, courses: thousands, not a hundred thousand)
 * are read whole from their tables and filtered here; sessions have their own indexed query.
 */

function page(rows: ReviewRow[], f: ReviewFilter): ReviewPage {
  return { rows: f.limit === undefined ? rows : rows.slice(0, f.limit), total: rows.length }
}

function inScope(f: ReviewFilter, municipality: string): boolean {
  return f.municipalities.includes(municipality as never) && (!f.municipality || f.municipality === municipality)
}

function within(f: ReviewFilter, day: string): boolean {
  return (!f.from || day >= f.from) && (!f.to || day <= f.to)
}

export async function listResidents(rm: ReadModel, f: ReviewFilter): Promise<ReviewPage> {
  const people = await rm.people.orderBy('lastName').toArray()
  return page(people.filter(p => inScope(f, p.municipality)).map(p => ({
    id: p.id,
    db: p.db,
    conflicted: p.conflicted,
    cells: { lastName: p.lastName, firstName: p.firstName, postcode: p.postcode, birthYear: p.birthYear ?? null, municipality: p.municipality },
  })), f)
}

export async function listDevices(rm: ReadModel, f: ReviewFilter): Promise<ReviewPage> {
  const devices = await queryDevices(rm)
  return page(devices.filter(d => inScope(f, d.municipality) && (!f.status || d.state.status === f.status)).map(d => ({
    id: d.assetTag,
    db: 'dgb-lending',
    conflicted: d.conflicted || d.state.inConflict,
    cells: { assetTag: d.assetTag, type: d.type, model: `${d.brand} ${d.model}`, municipality: d.municipality, status: d.state.status ?? '', lastEventAt: d.state.lastEventAt },
  })), f)
}

export async function listLoans(rm: ReadModel, f: ReviewFilter, now = new Date()): Promise<ReviewPage> {
  const loans = await queryLoans(rm, now)
  // A loan cancelled to settle a double booking is neither running nor overdue.
  const state = (l: { returned: boolean, overdue: boolean, cancelled: boolean }) => (l.cancelled ? 'cancelled' : l.returned ? 'returned' : l.overdue ? 'overdue' : 'active')
  return page(loans.filter(l => inScope(f, l.municipality) && within(f, l.startDate) && (!f.staff || l.createdBy === f.staff) && (!f.status || state(l) === f.status)).map(l => ({
    id: l.id,
    db: 'dgb-lending',
    conflicted: l.conflicted,
    cells: { assetTag: l.assetTag, startDate: l.startDate, endDate: l.currentEndDate, municipality: l.municipality, staff: l.createdBy, status: state(l) },
  })), f)
}

/** Courses with their sessions held in the period and the share of marks that count as attended. */
export async function listCourses(rm: ReadModel, f: ReviewFilter, now = new Date()): Promise<ReviewPage> {
  const courses = (await rm.courses.toArray()).filter(c => inScope(f, c.municipality) && (!f.location || c.location === f.location) && (!f.staff || c.trainers.includes(f.staff)) && (!f.category || c.topic === f.category))
  const today = localDay(now)
  const rows = await Promise.all(courses.map(async (c) => {
    const [sessions, marks] = await Promise.all([rm.courseSessions.where('courseId').equals(c.id).toArray(), rm.attendance.where('courseId').equals(c.id).toArray()])
    const held = new Map(sessions.filter(s => !s.cancelled && s.date <= today && within(f, s.date)).map(s => [s.id, s]))
    const counted = marks.filter(m => held.has(m.sessionId))
    const attended = counted.filter(m => countsAsAttended(m.status))
    const hours = attended.reduce((sum, m) => sum + sessionMinutes(held.get(m.sessionId)!), 0) / 60
    return {
      id: c.id,
      db: c.db,
      conflicted: c.conflicted,
      cells: { title: c.title, topic: c.topic, municipality: c.municipality, location: c.location, trainers: c.trainers.join(', '), sessions: held.size, attendanceRate: counted.length ? Math.round(attended.length / counted.length * 100) / 100 : null, hours: Math.round(hours * 100) / 100 },
    }
  }))
  return page(rows.sort((a, b) => String(a.cells.title).localeCompare(String(b.cells.title))), f)
}
