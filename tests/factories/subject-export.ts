import type { SubjectExport } from '../../src/data'
import { makeHelpSession } from './help-session'
import { makePerson, type PersonOverrides } from './person'

/**
 * What `GET /_digibalie/subjects/<person id>` answers: a resident and `sessions` help sessions
 * naming them, each with a note, in the Arendonk database.
 */
export function makeSubjectExport(opts: { sessions?: number, person?: PersonOverrides } = {}): SubjectExport {
  const person = makePerson(opts.person)
  const records = Array.from({ length: opts.sessions ?? 2 }, (_, i) => {
    const doc = makeHelpSession({ personId: person._id, note: `Vraag ${i + 1} over de energiefactuur` })
    return { db: 'dgb-m-arendonk', kind: doc.kind, doc: { ...doc, _rev: '1-a' } as Record<string, unknown> }
  })
  return { personId: person._id, exportedAt: '2025-03-12T09:30:00.000Z', person: { ...person, _rev: '1-a' }, records }
}
