import type { Table } from 'dexie'
import { doubleBookingItems, duplicatePairs, localDay, needsCoordinator, personalDataItems, sortInbox, type InboxItem, type MunicipalitySlug } from '../../domain'
import { missingRollCallsFor } from '../classes/queries'
import { lendingTables, queryDevices, queryLoans } from '../lending/query'
import type { ReadModel } from '../read-model'
import { localDayStart } from '../session-query'
import type { ConflictRecord } from './conflict-projection'

/** Notes older than this are not scanned again: they were listed when they were recent. */
const NOTE_DAYS = 365

export function conflictTable(rm: ReadModel): Table<ConflictRecord, string> {
  return rm.table('conflicts') as Table<ConflictRecord, string>
}

async function personalData(rm: ReadModel, now: Date): Promise<InboxItem[]> {
  const since = localDayStart(localDay(now), -NOTE_DAYS)
  const sessions = await rm.sessions.where('at').aboveOrEqual(since).filter(r => r.note !== undefined).toArray()
  const { visits, events } = lendingTables(rm)
  const [visitNotes, eventNotes, marks] = await Promise.all([
    visits.filter(v => v.note !== undefined).toArray(),
    events.filter(e => e.note !== undefined).toArray(),
    rm.attendance.filter(a => a.note !== undefined).toArray(),
  ])
  return personalDataItems([...sessions, ...visitNotes, ...eventNotes, ...marks])
}

/** Everything that needs a coordinator, from the read model only (so `liveQuery` follows it). */
export async function loadInbox(rm: ReadModel, municipalities: readonly MunicipalitySlug[], now = new Date()): Promise<InboxItem[]> {
  const [conflicts, devices, loans, missing, people, notes] = await Promise.all([
    conflictTable(rm).toArray(),
    queryDevices(rm),
    queryLoans(rm, now),
    missingRollCallsFor(rm, { staff: '', all: true, municipalities: [...municipalities] }, now),
    rm.people.toArray(),
    personalData(rm, now),
  ])
  const scope = new Set<string>(municipalities)
  return sortInbox([
    ...conflicts.filter(c => needsCoordinator(c.kind)).map(c => ({ type: 'conflict' as const, id: c.id, db: c.db, kind: c.kind, revisions: c.losers + 1 })),
    ...doubleBookingItems(devices.filter(d => scope.has(d.municipality))),
    ...loans.filter(l => l.overdue && scope.has(l.municipality)).map(l => ({ type: 'overdue-loan' as const, loanId: l.id, assetTag: l.assetTag, endDate: l.currentEndDate })),
    ...missing.map(m => ({ type: 'missing-roll-call' as const, courseId: m.courseId, sessionId: m.session.id, date: m.session.date })),
    ...duplicatePairs(people).map(ids => ({ type: 'duplicate' as const, ids })),
    ...notes,
  ])
}
