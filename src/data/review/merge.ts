import { DB, describeDb, KIND_RULES, planResidentMerge, type Located, type MergeDoc } from '../../domain'
import { writeDocs, type ClassesDeps } from '../classes/write'
import { lendingTables } from '../lending/query'

async function docsOf(deps: ClassesDeps, rows: ReadonlyArray<{ id: string, db: string }>): Promise<Located[]> {
  return Promise.all(rows.map(async r => ({ db: r.db, doc: await deps.pouch.local(r.db).get(r.id) as MergeDoc })))
}

/** Every record naming a resident, from the read model's person indexes. */
async function recordsOf(deps: ClassesDeps, personId: string, facts = false): Promise<Located[]> {
  const { rm } = deps
  const lending = lendingTables(rm)
  const rows = facts
    ? [...await rm.attendance.where('personId').equals(personId).toArray(), ...await rm.enrolments.where('personId').equals(personId).toArray()]
    : [
        ...await rm.sessions.where('personId').equals(personId).toArray(),
        ...await lending.loans.where('personId').equals(personId).toArray(),
        ...await lending.visits.where('personId').equals(personId).toArray(),
        ...await rm.attendance.where('personId').equals(personId).toArray(),
        ...await rm.enrolments.where('personId').equals(personId).toArray(),
      ]
  return docsOf(deps, rows)
}

/**
 * Merges the duplicate resident into the kept one: the domain plans it, every write is checked
 * against its kind's rule, then each database gets its writes and deletions in one `bulkDocs`,
 * the residents database (which deletes the duplicate) last.
 */
export async function mergeResidents(deps: ClassesDeps, keepId: string, duplicateId: string, now = new Date()): Promise<number> {
  await deps.ready
  const residents = deps.pouch.local(DB.residents)
  const [keep, duplicate] = await Promise.all([residents.get(keepId), residents.get(duplicateId)]) as MergeDoc[]
  const plan = planResidentMerge({
    keep: keep!,
    duplicate: duplicate!,
    records: await recordsOf(deps, duplicateId),
    keptFacts: await recordsOf(deps, keepId, true),
    residentsDb: DB.residents,
    now: now.toISOString(),
  })
  for (const w of plan.writes) {
    const rule = KIND_RULES[describeDb(w.db)!.kind]?.[String(w.doc.kind)]
    if (rule && !rule.validate(w.doc).ok)
      throw new Error(`merge would write an invalid ${String(w.doc.kind)}`)
  }
  const dbs = [...new Set([...plan.writes, ...plan.deletes].map(x => x.db))].sort((a, b) => (a === DB.residents ? 1 : b === DB.residents ? -1 : 0))
  for (const db of dbs) {
    const deletions = plan.deletes.filter(d => d.db === db).map(d => ({ _id: d.id, _rev: d.rev, _deleted: true }))
    await writeDocs(deps, db, [...plan.writes.filter(w => w.db === db).map(w => w.doc), ...deletions])
  }
  return plan.writes.length - 1
}
