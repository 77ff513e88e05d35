import { attendanceId, resolveAttendance, type AttendanceMark } from './attendance'
import { enrolmentId } from './enrolment'

/**
 * Merging two records of one resident. The funder counts a `person:` id once, so two records of the
 * same person count twice until a coordinator merges them: every session, loan, visit, enrolment and
 * attendance mark of the duplicate moves to the kept record, then the duplicate is deleted.
 *
 * Attendance marks and enrolments have ids derived from the person, so they cannot simply be
 * rewritten: a new document is made under the kept person's id and the old one deleted. When the
 * kept person already has one for the same session or course, the existing one stays (for marks,
 * the latest mark wins, as in the tablets' own conflict rule).
 */
export type MergeDoc = Record<string, unknown> & { _id: string, _rev?: string }

export interface Located {
  db: string
  doc: MergeDoc
}

export interface MergeInput {
  keep: MergeDoc
  duplicate: MergeDoc
  /** Records naming the duplicate (`personId`), from every database. */
  records: readonly Located[]
  /** The kept person's own attendance marks and enrolments, to find collisions. */
  keptFacts: readonly Located[]
  /** The residents database, where the person records live. */
  residentsDb: string
  now: string
}

export interface MergePlan {
  /** Documents to write: updates carry their `_rev`, new ones have none. */
  writes: Located[]
  deletes: Array<{ db: string, id: string, rev: string }>
}

/** Person fields the kept record lacks are taken from the duplicate; nothing it has is overwritten. */
function mergedPerson(keep: MergeDoc, duplicate: MergeDoc, now: string): MergeDoc {
  const merged: MergeDoc = { ...keep }
  for (const [key, value] of Object.entries(duplicate)) {
    if (!key.startsWith('_') && merged[key] === undefined)
      merged[key] = value
  }
  return { ...merged, updatedAt: now }
}

/** A body to write again: the storage layer's bookkeeping of the read does not go back. */
function clean(doc: MergeDoc): MergeDoc {
  const { _conflicts: _c, _revisions: _r, _revs_info: _i, ...rest } = doc
  return rest as MergeDoc
}

function fullName(person: MergeDoc): string {
  return `${String(person.firstName ?? '')} ${String(person.lastName ?? '')}`.trim()
}

function movedFact(doc: MergeDoc, keepId: string, keepName: string): MergeDoc {
  const { _rev: _r, ...rest } = clean(doc)
  if (doc.kind === 'attendance')
    return { ...rest, _id: attendanceId(String(doc.sessionId), keepId), personId: keepId }
  return { ...rest, _id: enrolmentId(String(doc.courseId), keepId), personId: keepId, participantName: keepName }
}

export function planResidentMerge(input: MergeInput): MergePlan {
  const { keep, duplicate, now } = input
  if (keep._id === duplicate._id)
    throw new Error('a resident cannot be merged with itself')
  if (!duplicate._rev)
    throw new Error('the duplicate needs its current revision')
  const keepName = fullName(keep)
  const existing = new Map(input.keptFacts.map(f => [f.doc._id, f]))
  const plan: MergePlan = { writes: [{ db: input.residentsDb, doc: mergedPerson(clean(keep), duplicate, now) }], deletes: [] }
  for (const { db, doc } of input.records) {
    if (doc.personId !== duplicate._id)
      continue
    if (doc.kind !== 'attendance' && doc.kind !== 'enrolment') {
      plan.writes.push({ db, doc: { ...clean(doc), personId: keep._id, updatedAt: now } })
      continue
    }
    const moved = movedFact(doc, keep._id, keepName)
    const clash = existing.get(moved._id)
    if (!clash)
      plan.writes.push({ db, doc: moved })
    else if (doc.kind === 'attendance' && resolveAttendance([clash.doc as MergeDoc & AttendanceMark, moved as MergeDoc & AttendanceMark]) === moved)
      plan.writes.push({ db, doc: { ...moved, _rev: String(clash.doc._rev) } })
    plan.deletes.push({ db, id: doc._id, rev: String(doc._rev) })
  }
  plan.deletes.push({ db: input.residentsDb, id: duplicate._id, rev: duplicate._rev })
  return plan
}
