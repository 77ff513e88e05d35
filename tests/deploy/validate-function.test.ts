import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { buildHelpSession, checkWrite, DB, newId, type UserCtx } from '../../src/domain'
import { validateDocUpdateSource } from '../../deploy/couchdb/validate-function'
import { makeCourse } from '../factories/course'

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void

// The generated function runs in a bare JavaScript context, as in CouchDB's query server: no
// require, no Node globals. It must refuse and allow exactly what the domain's checkWrite does.
const validate = runInNewContext(`(${validateDocUpdateSource()})`, {}) as Validate

function outcome(db: string, doc: Record<string, unknown> & { _id: string }, old: Record<string, unknown> | null, ctx: UserCtx): string | null {
  try {
    validate(doc, old, { db, name: ctx.name, roles: ctx.roles }, {})
    return null
  }
  catch (err) {
    return (err as { forbidden?: string }).forbidden ?? `threw ${String(err)}`
  }
}

function session(createdBy: string, over: Record<string, unknown> = {}) {
  const built = buildHelpSession({ location: 'loc-arendonk-bib', personId: null, categories: ['email'], helpMode: 'uitgelegd', outcome: 'deels', durationMinutes: 10 }, { id: newId('session'), staff: createdBy, now: '2026-11-29T10:00:00.000Z' })
  if (!built.ok)
    throw new Error('fixture invalid')
  return { ...built.value, ...over }
}

describe('generated validate_doc_update', () => {
  const volunteer: UserCtx = { name: 'an', roles: ['volunteer', 'm:arendonk'] }
  const coordinator: UserCtx = { name: 'coord', roles: ['coordinator'] }
  const cases: Array<[string, string, Record<string, unknown> & { _id: string }, Record<string, unknown> | null, UserCtx]> = [
    ['own valid session', DB.municipality('arendonk'), session('an'), null, volunteer],
    ['someone else\'s name', DB.municipality('arendonk'), session('bert'), null, volunteer],
    ['invalid duration', DB.municipality('arendonk'), session('an', { durationMinutes: 0 }), null, volunteer],
    ['wrong municipality db', DB.municipality('ravels'), session('an'), null, coordinator],
    ['coordinator edit', DB.municipality('arendonk'), session('bert', { outcome: 'opgelost' }), session('bert'), coordinator],
    ['volunteer edit of another', DB.municipality('arendonk'), session('bert', { outcome: 'opgelost' }), session('bert'), volunteer],
    ['delete by another', DB.municipality('arendonk'), { _id: 'session:x', _deleted: true }, session('bert'), volunteer],
    ['design doc by coordinator', DB.municipality('arendonk'), { _id: '_design/x' }, null, coordinator],
    ['config by volunteer', DB.config, { _id: 'location:x', kind: 'location' }, null, volunteer],
    ['unknown kind in lending', DB.lending, { _id: 'x', kind: 'spaceship' }, null, volunteer],
    ['course that does not name its trainer', DB.municipality('arendonk'), makeCourse({ staff: 'ine', trainers: ['tom'] }), null, { name: 'ine', roles: ['trainer', 'm:arendonk'] }],
  ]

  it.each(cases)('%s: same answer as the domain', (_name, db, doc, old, ctx) => {
    expect(outcome(db, doc, old, ctx)).toBe(checkWrite(db, doc, old, ctx))
  })

  it('really refuses (the cases above are not all allowed)', () => {
    const refused = cases.filter(([, db, doc, old, ctx]) => outcome(db, doc, old, ctx) !== null)
    expect(refused.length).toBeGreaterThanOrEqual(6)
    expect(outcome(DB.municipality('arendonk'), session('an'), null, volunteer)).toBeNull()
  })
})
