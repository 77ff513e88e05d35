import { DB, newId } from '../../src/domain'
import { USERS_DB } from '../auth/users'
import { isObject } from '../storage/attachments'
import type { Body, Database } from '../storage/database'
import type { Journal } from '../storage/journal'
import { markRemoved } from '../storage/purge'
import type { Registry } from '../storage/registry'
import { purgeLosingLeaves, serverWrite, tombstone } from './server-writes'

export const PERSON_ID = /^person:[0-9A-HJKMNP-TV-Z]{26}$/

/** Free text staff may have written about someone; erasure removes it from records that name them. */
const FREE_TEXT = ['note', 'notes', 'comment', 'remark', 'reason']

/**
 * Copies of the person's name that a record keeps to work offline (an enrolment carries the
 * participant's name for the roll call and the certificate). Erasure replaces them with a neutral
 * word, because their schemas require a name to be present.
 */
const NAME_COPIES = ['participantName']
export const ERASED_NAME = 'Gewist'

export interface SubjectRecord {
  db: string
  id: string
  rev: string
  kind: string | null
  doc: Body
}

/** Whether `value` names the person anywhere (a field, a list, a nested object). */
function names(value: unknown, personId: string): boolean {
  if (value === personId)
    return true
  if (Array.isArray(value))
    return value.some(v => names(v, personId))
  return isObject(value) && Object.entries(value).some(([k, v]) => k !== '_attachments' && names(v, personId))
}

function databases(registry: Registry): Database[] {
  return registry.names().filter(n => n !== USERS_DB).map(n => registry.get(n)!)
}

/**
 * Everything the server holds about one resident: their `person` record and every current record
 * (session, attendance, loan, visit, ...) whose id or fields name them. SQLite narrows the search to
 * bodies that contain the id; each candidate is then checked field by field.
 */
export function findSubject(registry: Registry, personId: string): { person: SubjectRecord | null, records: SubjectRecord[] } {
  let person: SubjectRecord | null = null
  const records: SubjectRecord[] = []
  for (const db of databases(registry)) {
    const rows = db.sql.prepare<[string, string, string], { id: string, rev: string, body: string }>(`
      SELECT d.id, d.winning_rev AS rev, r.body FROM docs d JOIN revs r ON r.id = d.id AND r.rev = d.winning_rev
      WHERE d.deleted = 0 AND (d.id = ? OR instr(d.id, ?) > 0 OR instr(r.body, ?) > 0)`).all(personId, personId, JSON.stringify(personId))
    for (const row of rows) {
      const doc: Body = { _id: row.id, _rev: row.rev, ...JSON.parse(row.body) as Body }
      const found: SubjectRecord = { db: db.name, id: row.id, rev: row.rev, kind: typeof doc.kind === 'string' ? doc.kind : null, doc }
      if (row.id === personId)
        person = found
      else if (row.id.includes(personId) || names(doc, personId))
        records.push(found)
    }
  }
  return { person, records }
}

/** A copy with the person replaced by `marker` everywhere, and without free text or attachments. */
function anonymise(value: unknown, personId: string, marker: string): unknown {
  if (value === personId)
    return marker
  if (typeof value === 'string')
    return value.split(personId).join(marker)
  if (Array.isArray(value))
    return value.map(v => anonymise(v, personId, marker))
  if (!isObject(value))
    return value
  return Object.fromEntries(Object.entries(value)
    .filter(([k]) => !FREE_TEXT.includes(k) && k !== '_attachments')
    .map(([k, v]) => [k, k === '_rev' ? v : NAME_COPIES.includes(k) ? ERASED_NAME : anonymise(v, personId, marker)]))
}

export interface ErasureReport {
  person: number
  anonymised: number
  rekeyed: number
  conflictsRemoved: number
}

/**
 * Erases one resident: their `person` record is deleted (its body dropped from the server at once,
 * the deletion replicated to tablets, the id refused from then on); every record that names them
 * keeps its kind, dates and categories for reporting, but the person is replaced by a new anonymous
 * marker (one per erasure, so distinct counts stay right) and its free text and attachments go.
 * Records whose id contains the person id (attendance) move to an id with the marker.
 */
export function eraseSubject(registry: Registry, journal: Journal, personId: string, account: string, now = new Date()): ErasureReport {
  const report: ErasureReport = { person: 0, anonymised: 0, rekeyed: 0, conflictsRemoved: 0 }
  const { person, records } = findSubject(registry, personId)
  const marker = newId('person', now.getTime())
  const at = now.toISOString()
  const residents = registry.get(DB.residents)
  if (residents)
    markRemoved(residents, personId)
  if (person) {
    const db = registry.get(person.db)!
    report.conflictsRemoved += purgeLosingLeaves(db, journal, account, person.id)
    report.person = serverWrite(db, journal, account, 'erase', [tombstone(person.id, person.rev, 'erasure', at)])
  }
  for (const record of records) {
    const db = registry.get(record.db)!
    report.conflictsRemoved += purgeLosingLeaves(db, journal, account, record.id)
    const clean = anonymise(record.doc, personId, marker) as Body
    if (record.id.includes(personId)) {
      const { _rev: _r, ...fresh } = clean
      serverWrite(db, journal, account, 'create', [fresh])
      serverWrite(db, journal, account, 'erase', [tombstone(record.id, record.rev, 'erasure', at)])
      markRemoved(db, record.id)
      report.rekeyed++
    }
    else {
      serverWrite(db, journal, account, 'erase', [{ ...clean, _id: record.id, _rev: record.rev, updatedAt: at }])
      report.anonymised++
    }
  }
  return report
}
