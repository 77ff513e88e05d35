import type { Table } from 'dexie'
import { foldDeviceEvents, isOverdue, loanEndDate, localDay, type DeviceEventFact } from '../../domain'
import type { ReadModel } from '../read-model'
import type { DeviceDetail, DeviceEventRecord, DeviceRecord, DeviceView, HomeVisitRecord, LoanExtensionRecord, LoanRecord, LoanView } from './rows'

/** The lending tables of the read model (declared by their projections in `projections/`). */
export function lendingTables(rm: ReadModel) {
  return {
    devices: rm.table('devices') as Table<DeviceRecord, string>,
    events: rm.table('deviceEvents') as Table<DeviceEventRecord, string>,
    loans: rm.table('loans') as Table<LoanRecord, string>,
    extensions: rm.table('loanExtensions') as Table<LoanExtensionRecord, string>,
    visits: rm.table('homeVisits') as Table<HomeVisitRecord, string>,
  }
}

function fact(e: DeviceEventRecord): DeviceEventFact {
  const keptLoanId = typeof e.details.keptLoanId === 'string' ? e.details.keptLoanId : undefined
  return {
    id: e.id, type: e.type, at: e.at, ...(e.loanId ? { loanId: e.loanId } : {}), ...(e.refurbishmentId ? { refurbishmentId: e.refurbishmentId } : {}), ...(keptLoanId ? { keptLoanId } : {}),
  }
}

function view(device: DeviceRecord, events: readonly DeviceEventRecord[]): DeviceView {
  const { db: _db, ...row } = device
  return { ...row, state: foldDeviceEvents(events.map(fact)) }
}

/**
 * Every device with its status folded from its events. The fold runs here, over indexed rows, on
 * each change: a couple of hundred devices with their history fold in a few milliseconds, and a
 * stored status could never be wrong after two tablets sync in any order.
 */
export async function queryDevices(rm: ReadModel): Promise<DeviceView[]> {
  const t = lendingTables(rm)
  const [devices, events] = await Promise.all([t.devices.orderBy('assetTag').toArray(), t.events.toArray()])
  const byTag = new Map<string, DeviceEventRecord[]>()
  for (const e of events)
    byTag.set(e.assetTag, [...(byTag.get(e.assetTag) ?? []), e])
  return devices.map(d => view(d, byTag.get(d.assetTag) ?? []))
}

function loanView(loan: LoanRecord, extensions: LoanExtensionRecord[], returned: boolean, cancelled: boolean, today: string): LoanView {
  const { db: _db, ...row } = loan
  const currentEndDate = loanEndDate(loan, extensions)
  return { ...row, currentEndDate, returned, cancelled, overdue: !cancelled && isOverdue(currentEndDate, returned, today), extensions }
}

/**
 * The loans a coordinator cancelled, by the fold of their devices: a cancellation that came too
 * late (another coordinator had decided first) does not cancel anything.
 */
async function cancelledLoans(rm: ReadModel, cancellations: readonly DeviceEventRecord[]): Promise<Set<string>> {
  const t = lendingTables(rm)
  const cancelled = new Set<string>()
  for (const tag of new Set(cancellations.map(e => e.assetTag))) {
    const events = await t.events.where('[assetTag+at]').between([tag, ''], [tag, '\uffff']).toArray()
    for (const id of foldDeviceEvents(events.map(fact)).cancelledLoans)
      cancelled.add(id)
  }
  return cancelled
}

async function loanViews(rm: ReadModel, loans: LoanRecord[], today: string): Promise<LoanView[]> {
  const t = lendingTables(rm)
  const ids = loans.map(l => l.id)
  const [extensions, ended] = await Promise.all([
    t.extensions.where('loanId').anyOf(ids).toArray(),
    t.events.where('loanId').anyOf(ids).filter(e => e.type === 'returned' || e.type === 'loan-cancelled').toArray(),
  ])
  const back = new Set(ended.filter(e => e.type === 'returned').map(e => e.loanId))
  const cancelled = await cancelledLoans(rm, ended.filter(e => e.type === 'loan-cancelled'))
  return loans.map(l => loanView(l, extensions.filter(x => x.loanId === l.id), back.has(l.id), cancelled.has(l.id), today))
}

/** Every loan, newest first, with its end date after extensions and whether it is overdue. */
export async function queryLoans(rm: ReadModel, now: Date = new Date()): Promise<LoanView[]> {
  const loans = await lendingTables(rm).loans.toArray()
  loans.sort((a, b) => (a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : 0))
  return loanViews(rm, loans, localDay(now))
}

export async function queryLoan(rm: ReadModel, id: string, now: Date = new Date()): Promise<LoanView | null> {
  const loan = await lendingTables(rm).loans.get(id)
  return loan ? (await loanViews(rm, [loan], localDay(now)))[0]! : null
}

/** One device, its history (oldest first) and its loans. */
export async function queryDevice(rm: ReadModel, tag: string, now: Date = new Date()): Promise<DeviceDetail | null> {
  const t = lendingTables(rm)
  const device = await t.devices.where('assetTag').equals(tag).first()
  if (!device)
    return null
  const [events, loans] = await Promise.all([
    t.events.where('[assetTag+at]').between([tag, ''], [tag, '\uffff']).toArray(),
    t.loans.where('assetTag').equals(tag).toArray(),
  ])
  loans.sort((a, b) => (a.signedAt < b.signedAt ? 1 : -1))
  return { device: view(device, events), events, loans: await loanViews(rm, loans, localDay(now)) }
}

export function queryVisits(rm: ReadModel, loanId: string): Promise<HomeVisitRecord[]> {
  return lendingTables(rm).visits.where('loanId').equals(loanId).sortBy('date')
}
