import { describe, expect, it } from 'vitest'
import { allDatabases, buildHelpSession, checkWrite, databasesFor, DB, describeDb, mayRead, newId, profileFromCtx, securityFor, type UserCtx } from '../../src/domain'

const volunteer: UserCtx = { name: 'an', roles: ['volunteer', 'm:arendonk'] }
const coordinator: UserCtx = { name: 'coord', roles: ['coordinator'] }

function session(createdBy = 'an', location = 'loc-arendonk-bib') {
  const built = buildHelpSession({ location, personId: null, categories: ['email'], helpMode: 'uitgelegd', outcome: 'deels', durationMinutes: 10 }, { id: newId('session'), staff: createdBy, now: new Date().toISOString() })
  if (!built.ok)
    throw new Error('fixture invalid')
  return { ...built.value }
}

describe('databases and read access', () => {
  it('names nine databases and describes each', () => {
    expect(allDatabases()).toHaveLength(9)
    for (const name of allDatabases())
      expect(describeDb(name)).not.toBeNull()
    expect(describeDb('dgb-m-antwerpen')).toBeNull()
  })

  it('lets a volunteer read only their own municipality', () => {
    expect(mayRead(volunteer, securityFor(DB.municipality('arendonk'))!)).toBe(true)
    expect(mayRead(volunteer, securityFor(DB.municipality('ravels'))!)).toBe(false)
    expect(mayRead(volunteer, securityFor(DB.lending)!)).toBe(false)
    expect(mayRead(coordinator, securityFor(DB.municipality('ravels'))!)).toBe(true)
    expect(mayRead({ name: null, roles: [] }, securityFor(DB.config)!)).toBe(false)
  })

  it('derives the databases a tablet replicates from the profile', () => {
    expect(databasesFor(profileFromCtx(volunteer)!)).toEqual(['dgb-config', 'dgb-residents', 'dgb-m-arendonk'])
    expect(databasesFor(profileFromCtx({ name: 'l', roles: ['lender'] })!)).toEqual(['dgb-config', 'dgb-residents', 'dgb-lending'])
    expect(databasesFor(profileFromCtx(coordinator)!)).toHaveLength(9)
    expect(profileFromCtx({ name: null, roles: [] })).toBeNull()
  })
})

describe('write rules', () => {
  const db = DB.municipality('arendonk')

  it('allows a volunteer to write their own valid session', () => {
    expect(checkWrite(db, session(), null, volunteer)).toBeNull()
  })

  it('refuses a session stamped with another account', () => {
    expect(checkWrite(db, session('someone-else'), null, volunteer)).toMatch(/createdBy/)
  })

  it('refuses an invalid session with a reason that names the field but not its value', () => {
    const bad = { ...session(), durationMinutes: 9999, note: 'geheim' }
    const reason = checkWrite(db, bad, null, volunteer)
    expect(reason).toMatch(/durationMinutes/)
    expect(reason).not.toMatch(/9999|geheim/)
  })

  it('refuses a session filed in the wrong municipality database', () => {
    expect(checkWrite(DB.municipality('ravels'), session(), null, coordinator)).toMatch(/another municipality/)
  })

  it('lets a coordinator correct a session made by someone else, but not a volunteer', () => {
    const previous = session('bert')
    expect(checkWrite(db, { ...previous, outcome: 'opgelost' }, previous, coordinator)).toBeNull()
    expect(checkWrite(db, { ...previous, createdBy: 'an' }, previous, volunteer)).toMatch(/author/)
  })

  it('allows deleting only to the author or a coordinator', () => {
    const previous = session('bert')
    const tombstone = { _id: previous._id, _deleted: true }
    expect(checkWrite(db, tombstone, previous, volunteer)).toMatch(/delete/)
    expect(checkWrite(db, tombstone, previous, coordinator)).toBeNull()
    expect(checkWrite(db, tombstone, { ...previous, createdBy: 'an' }, volunteer)).toBeNull()
  })

  it('keeps design documents for admins', () => {
    expect(checkWrite(db, { _id: '_design/x' }, null, coordinator)).toMatch(/admins/)
    expect(checkWrite(db, { _id: '_design/x' }, null, { name: 'root', roles: ['_admin'] })).toBeNull()
  })
})

describe('write rules for the residents registry', () => {
  const person = (createdBy: string, municipality = 'arendonk') => ({
    _id: 'person:01JDXZ0000000000000000000A',
    kind: 'person',
    schemaVersion: 1,
    createdAt: '2026-11-29T09:00:00.000Z',
    createdBy,
    updatedAt: '2026-11-29T09:00:00.000Z',
    municipality,
    firstName: 'Maria',
    lastName: 'Peeters',
    postcode: '2370',
    targetGroups: [],
    devicesOwned: [],
    consent: { given: true, date: '2026-11-29' },
  })

  it('lets any desk update a resident someone else registered, the revision naming its writer', () => {
    const previous = person('bert')
    expect(checkWrite(DB.residents, { ...person('an'), postcode: '2380' }, previous, volunteer)).toBeNull()
    // An older revision may keep the name it had; a third name is never written.
    expect(checkWrite(DB.residents, { ...person('bert'), postcode: '2380' }, previous, volunteer)).toBeNull()
    expect(checkWrite(DB.residents, { ...person('carl') }, previous, volunteer)).toMatch(/createdBy must be the signed-in account/)
  })

  it('refuses a resident registered outside the account\'s municipalities, and unknown kinds', () => {
    expect(checkWrite(DB.residents, person('an', 'ravels'), null, volunteer)).toMatch(/another municipality/)
    expect(checkWrite(DB.residents, { ...person('an'), kind: 'help-session' }, null, volunteer)).toMatch(/kind not allowed/)
    expect(checkWrite(DB.lending, { ...person('an') }, null, volunteer)).toMatch(/kind not allowed/)
  })

  it('refuses a role that does not write residents', () => {
    expect(checkWrite(DB.residents, person('x'), null, { name: 'x', roles: ['m:arendonk'] })).toMatch(/role/)
  })
})

describe('deleting a record the server never had', () => {
  it('accepts the bare tombstone of a session made and deleted offline', () => {
    expect(checkWrite(DB.municipality('arendonk'), { _id: 'session:01JDXZ0000000000000000000A', _deleted: true }, null, volunteer)).toBeNull()
  })
})
