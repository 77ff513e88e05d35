import { liveQuery } from 'dexie'
import {
  buildHelpSession, DB, findLocation, newId,
  type FieldIssue, type HelpSession, type HelpSessionInput, type MunicipalitySlug, type StaffProfile, type Validated,
} from '../domain'
import type { Outbox } from './outbox'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
import type { ReadModel } from './read-model'
import { querySessions } from './session-query'
import type { SessionFilter, SessionRow } from './types'

export interface SessionRepositoryDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  outbox: Outbox
  /** Resolves when start-up recovery is done; writes wait for it so recovery never sees a half-made write. */
  ready: Promise<void>
}

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

    const doc = built.value
    const { pouch, outbox, projector } = this.deps
    const dbName = DB.municipality(doc.municipality as MunicipalitySlug)
    await this.deps.ready
    // Intent first: if the tab dies after the put, the outbox still knows the record is unsynced.
    await outbox.intend(doc._id, dbName)
    let rev: string
    try {
      rev = (await pouch.local(dbName).put(doc)).rev
    }
    catch (err) {
      await outbox.abandon(doc._id)
      throw err
    }
    await outbox.written(doc._id, rev)
    await projector.catchUp(dbName)
    return { ok: true, value: { ...doc, _rev: rev } }
  }

  list(filter: SessionFilter): Promise<SessionRow[]> {
    return querySessions(this.deps.rm, filter)
  }

  /** Calls `onRows` now and after every change to matching rows or their sync state. */
  watch(filter: SessionFilter, onRows: (rows: SessionRow[]) => void): () => void {
    const subscription = liveQuery(() => querySessions(this.deps.rm, filter)).subscribe({
      next: onRows,
      error: err => console.error('session list query failed', err),
    })
    return () => subscription.unsubscribe()
  }
}

/** A location the staff member may not log for (another municipality's room). */
function outsideScope(location: string, staff: StaffProfile): FieldIssue | null {
  const place = findLocation(location)
  return place && !staff.municipalities.includes(place.municipality) ? { path: 'location', code: 'notAllowed' } : null
}

function mergeIssues(issues: FieldIssue[], extra: FieldIssue | null): FieldIssue[] {
  return extra && !issues.some(i => i.path === extra.path) ? [...issues, extra] : issues
}
