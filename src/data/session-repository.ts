import { liveQuery } from 'dexie'
import {
  buildHelpSession, DB, locationMunicipality, markFollowUpDone, newId, reviseHelpSession, validateHelpSession,
  type FieldIssue, type HelpSession, type HelpSessionInput, type MunicipalitySlug, type StaffProfile, type Validated,
} from '../domain'
import { isNotFound } from './pouch'
import { localDayStart, querySessions } from './session-query'
import { createRecord, writeRecord, type WriteDeps } from './session-write'
import type { SessionFilter, SessionRow } from './types'

export type SessionRepositoryDeps = WriteDeps

/** Help sessions: written through PouchDB, read from the Dexie read model. */
export class SessionRepository {
  constructor(private readonly deps: SessionRepositoryDeps) {}

  /**
   * Validates, stamps and stores a new session in its municipality's database, then projects it
   * so the caller's list shows it at once. Replication picks it up from PouchDB by itself.
   */
  async create(input: HelpSessionInput, staff: StaffProfile): Promise<Validated<HelpSession>> {
    const now = new Date()
    const built = buildHelpSession(input, { id: newId('session', now.getTime()), staff: staff.name, now: now.toISOString() })
    const outside = outsideScope(input.location, staff)
    if (!built.ok || outside)
      return { ok: false, issues: mergeIssues(built.ok ? [] : built.issues, outside) }
    // A new id from `newId` (time and randomness): the put and the row can go at the same time.
    const rev = await createRecord(this.deps, dbOf(built.value), built.value)
    return { ok: true, value: { ...built.value, _rev: rev } }
  }

  /** The stored document, read from PouchDB (the source of truth), or null. */
  async get(id: string): Promise<HelpSession | null> {
    const row = await this.deps.rm.sessions.get(id)
    if (!row)
      return null
    try {
      const result = validateHelpSession(await this.deps.pouch.local(row.db).get(id))
      return result.ok ? result.value : null
    }
    catch (err) {
      if (isNotFound(err))
        return null
      throw err
    }
  }

  /**
   * A new revision of one's own session. The room may change within the municipality only: a
   * session never moves between databases. Someone else's session is refused like the server would.
   */
  async update(id: string, input: HelpSessionInput, staff: StaffProfile): Promise<Validated<HelpSession>> {
    const previous = await this.get(id)
    if (!previous)
      return { ok: false, issues: [{ path: '', code: 'notFound' }] }
    if (previous.createdBy !== staff.name)
      return { ok: false, issues: [{ path: '', code: 'notYours' }] }
    const revised = reviseHelpSession(previous, input, new Date().toISOString())
    const moved = locationMunicipality(input.location) !== previous.municipality ? { path: 'location', code: 'notAllowed' } : null
    if (!revised.ok || moved)
      return { ok: false, issues: mergeIssues(revised.ok ? [] : revised.issues, moved) }
    const rev = await writeRecord(this.deps, dbOf(revised.value), revised.value)
    return { ok: true, value: { ...revised.value, _rev: rev } }
  }

  /**
   * Marks the follow-up of one's own session done today (`day`, the local calendar day): a new
   * revision, so it leaves the follow-up list on every tablet of the municipality after sync.
   */
  async markFollowUpDone(id: string, day: string, staff: StaffProfile): Promise<Validated<HelpSession>> {
    const previous = await this.get(id)
    if (!previous)
      return { ok: false, issues: [{ path: '', code: 'notFound' }] }
    if (previous.createdBy !== staff.name)
      return { ok: false, issues: [{ path: '', code: 'notYours' }] }
    const done = markFollowUpDone(previous, day, new Date().toISOString())
    if (!done.ok)
      return done
    const rev = await writeRecord(this.deps, dbOf(done.value), done.value)
    return { ok: true, value: { ...done.value, _rev: rev } }
  }

  list(filter: SessionFilter): Promise<SessionRow[]> {
    return querySessions(this.deps.rm, filter)
  }

  /** Calls `onRows` now and after every change to matching rows or their sync state. */
  watch(filter: SessionFilter, onRows: (rows: SessionRow[]) => void): () => void {
    return this.live(() => querySessions(this.deps.rm, filter), onRows)
  }

  /**
   * Follow-ups at a location due on `day` or in the week before it (a missed one stays visible for a
   * week), earliest first; one marked done (`followUpDone`) has left the list.
   */
  watchFollowUps(location: string, day: string, onRows: (rows: SessionRow[]) => void): () => void {
    const weekBefore = localDayStart(day, -7).slice(0, 10)
    return this.live(async () => {
      const records = await this.deps.rm.sessions.where('[location+followUp]').between([location, weekBefore], [location, day], true, true).toArray()
      const open = records.filter(r => r.followUpDone === undefined)
      return querySessions(this.deps.rm, { ids: open.map(r => r.id) }).then(rows => rows.sort((a, b) => (a.followUp ?? '').localeCompare(b.followUp ?? '')))
    }, onRows)
  }

  private live<T>(query: () => Promise<T>, onRows: (rows: T) => void): () => void {
    const subscription = liveQuery(query).subscribe({
      next: onRows,
      error: err => console.error('session list query failed', err),
    })
    return () => subscription.unsubscribe()
  }
}

function dbOf(doc: HelpSession): string {
  return DB.municipality(doc.municipality as MunicipalitySlug)
}

/** A location the staff member may not log for (another municipality's room). */
function outsideScope(location: string, staff: StaffProfile): FieldIssue | null {
  const municipality = locationMunicipality(location)
  return municipality && !staff.municipalities.includes(municipality) ? { path: 'location', code: 'notAllowed' } : null
}

function mergeIssues(issues: FieldIssue[], extra: FieldIssue | null): FieldIssue[] {
  return extra && !issues.some(i => i.path === extra.path) ? [...issues, extra] : issues
}
