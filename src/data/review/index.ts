import { liveQuery } from 'dexie'
import type { InboxItem, MunicipalitySlug, Period, Facts } from '../../domain'
import type { ClassesDeps } from '../classes/write'
import { AccountsClient, type Account, type AccountInput, type SyncOverview } from './accounts'
import { loadConflict, resolveConflict, type ConflictDetail, type Resolution } from './conflicts'
import { loadFacts } from './figures'
import { loadInbox } from './inbox'
import { mergeResidents } from './merge'
import { listCourses, listDevices, listLoans, listResidents } from './other-lists'
import { listSessions } from './session-list'
import type { ReviewFilter, ReviewKind, ReviewPage } from './types'

export type { ConflictDetail, Resolution } from './conflicts'
export type { Account, AccountInput, AssignableRole, SyncOverview, TabletActivity, TabletSeen } from './accounts'
export { ASSIGNABLE_ROLES, AccountError, accountProblem, type AccountProblem } from './accounts'
export type * from './types'
export { REVIEW_KINDS } from './types'

/** The coordinator's part of the data layer: review lists, inbox, conflicts, merge, figures, accounts. */
export interface ReviewApi {
  list(kind: ReviewKind, filter: ReviewFilter): Promise<ReviewPage>
  watchList(kind: ReviewKind, filter: ReviewFilter, cb: (page: ReviewPage) => void): () => void
  watchInbox(municipalities: readonly MunicipalitySlug[], cb: (items: InboxItem[]) => void): () => void
  conflict(db: string, id: string): Promise<ConflictDetail | null>
  resolve(db: string, id: string, resolution: Resolution): Promise<void>
  /** Moves every record of the duplicate to the kept resident; returns the records written. */
  mergeResidents(keepId: string, duplicateId: string): Promise<number>
  facts(municipalities: readonly MunicipalitySlug[], period: Period): Promise<Facts>
  accounts: {
    list(): Promise<Account[]>
    create(input: AccountInput, password: string): Promise<unknown>
    update(input: AccountInput): Promise<void>
    resetPassword(name: string, password: string): Promise<void>
    setDisabled(name: string, disabled: boolean): Promise<void>
    tablets(): Promise<SyncOverview | null>
  }
}

function watch<T>(query: () => Promise<T>, cb: (value: T) => void): () => void {
  const sub = liveQuery(query).subscribe({ next: cb, error: err => console.error('review query failed', err) })
  return () => sub.unsubscribe()
}

export function createReviewApi(deps: ClassesDeps, server: { serverUrl: string, fetch: typeof fetch }): ReviewApi {
  const { rm } = deps
  const lists: Record<ReviewKind, (f: ReviewFilter) => Promise<ReviewPage>> = {
    sessions: f => listSessions(rm, f),
    residents: f => listResidents(rm, f),
    devices: f => listDevices(rm, f),
    loans: f => listLoans(rm, f),
    courses: f => listCourses(rm, f),
  }
  const accounts = new AccountsClient(server.serverUrl, server.fetch)
  return {
    list: async (kind, filter) => {
      await deps.ready
      return lists[kind](filter)
    },
    watchList: (kind, filter, cb) => watch(() => lists[kind](filter), cb),
    watchInbox: (municipalities, cb) => watch(() => loadInbox(rm, municipalities), cb),
    conflict: (db, id) => loadConflict(deps, db, id),
    resolve: (db, id, resolution) => resolveConflict(deps, db, id, resolution),
    mergeResidents: (keepId, duplicateId) => mergeResidents(deps, keepId, duplicateId),
    facts: async (municipalities, period) => {
      await deps.ready
      return loadFacts(rm, municipalities, period)
    },
    accounts: {
      list: () => accounts.list(),
      create: (input, password) => accounts.create(input, password),
      update: input => accounts.update(input),
      resetPassword: (name, password) => accounts.resetPassword(name, password),
      setDisabled: (name, disabled) => accounts.setDisabled(name, disabled),
      tablets: () => accounts.tablets(),
    },
  }
}
