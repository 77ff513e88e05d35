import { liveQuery, type Subscription } from 'dexie'
import { resolveAttendance, resolveEnrolment, type AttendanceMark } from '../../domain'
import { writeDocs, type ClassesDeps } from './write'

type Doc = PouchDB.Core.ExistingDocument<Record<string, unknown>>
type Pick = (revisions: Doc[]) => Doc

/** The domain rule for each kind whose conflicts are settled on the tablet. */
const RULES: Record<string, Pick> = {
  attendance: revs => resolveAttendance(revs as unknown as Array<Doc & AttendanceMark>),
  enrolment: revs => resolveEnrolment(revs as unknown as Array<Doc & { updatedAt: string }>),
}

/**
 * Settles conflicts of attendance marks and enrolments as soon as the read model flags one (a
 * sibling revision arrived by replication): the domain picks the winner, which is written as a new
 * revision on top of the current winning branch, and every other leaf is deleted, as CouchDB
 * recommends. PouchDB makes revision ids from their content, so two tablets settling the same
 * conflict write the same revisions and agree instead of starting a new conflict.
 */
export class ConflictResolver {
  private readonly busy = new Set<string>()
  private readonly subscription: Subscription

  constructor(private readonly deps: ClassesDeps) {
    this.subscription = liveQuery(async () => [
      ...(await deps.rm.attendance.where('conflicted').equals(1).toArray()),
      ...(await deps.rm.enrolments.where('conflicted').equals(1).toArray()),
    ]).subscribe({
      next: rows => rows.forEach(r => void this.settle(r.db, r.id)),
      error: err => console.error('conflict watch failed', err),
    })
  }

  /** Resolves the conflicts of one document now; resolves when they are settled on this device. */
  async settle(dbName: string, id: string): Promise<void> {
    if (this.busy.has(id))
      return
    this.busy.add(id)
    try {
      await this.deps.ready
      const db = this.deps.pouch.local(dbName)
      const doc = await db.get(id, { conflicts: true }) as Doc & { _conflicts?: string[] }
      const rule = RULES[String(doc.kind)]
      if (!rule || !doc._conflicts?.length)
        return
      const { _conflicts: losers, ...winning } = doc
      const leaves = [winning, ...await Promise.all(losers.map(rev => db.get(id, { rev }) as Promise<Doc>))]
      const winner = rule(leaves)
      const deletions = leaves.filter(l => l._rev !== winning._rev).map(l => ({ _id: id, _rev: l._rev, _deleted: true }))
      // Deletions first, so the outbox ends up waiting for the winner's new revision. The winner
      // keeps its content, author included, so every tablet writes the very same revisions.
      const docs = winner._rev === winning._rev ? deletions : [...deletions, { ...winner, _rev: winning._rev }]
      // A tablet pushes its own account's revisions (and a tombstone travels with them): only
      // the winner's author's tablet sends this resolution, so only there is it owed to the server.
      const me = (await this.deps.rm.profile.get('current'))?.name
      await writeDocs(this.deps, dbName, docs, { owed: winner.createdBy === me })
    }
    catch (err) {
      console.warn(`could not settle the conflict of ${id}`, err)
    }
    finally {
      this.busy.delete(id)
    }
  }

  close(): void {
    this.subscription.unsubscribe()
  }
}
