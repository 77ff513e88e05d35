import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

/**
 * Role × database × operation. The expectations are written out by hand from the design (who may
 * read which database, who writes what), not computed from the domain, so a change in the rules
 * shows up here as a deliberate edit.
 */
type Who = 'volunteerA' | 'trainerR' | 'lender' | 'coordinator' | 'staffAdmin' | 'anonymous' | 'serverAdmin'
const WHO: Who[] = ['volunteerA', 'trainerR', 'lender', 'coordinator', 'staffAdmin', 'anonymous', 'serverAdmin']
const ROLES: Record<Exclude<Who, 'anonymous' | 'serverAdmin'>, string[]> = {
  volunteerA: ['volunteer', 'm:arendonk'],
  trainerR: ['trainer', 'm:ravels'],
  lender: ['lender'],
  coordinator: ['coordinator'],
  staffAdmin: ['admin'],
}

// One letter per caller, in the order of WHO: y = allowed, n = refused.
const READ: Record<string, string> = {
  'dgb-config': 'yyyyyny',
  'dgb-residents': 'yyyyyny',
  'dgb-lending': 'nnyyyny',
  'dgb-m-arendonk': 'ynnyyny',
  'dgb-m-ravels': 'nynyyny',
  '_users': 'nnnnnny',
}
const WRITE_SESSION: Record<string, string> = {
  // Trainers read their municipality's database but do not log help sessions.
  'dgb-m-arendonk': 'ynnyyny',
  'dgb-m-ravels': 'nnnyyny',
}
const WRITE_CONFIG = 'nnnyyny'
const WRITE_SECURITY = 'nnnnnny'
const CREATE_DB = 'nnnnnny'

let t: TestServer
const creds = new Map<Who, Credentials | undefined>()

beforeAll(async () => {
  t = await startTestServer()
  for (const [who, roles] of Object.entries(ROLES))
    creds.set(who as Who, await createUser(t.url, ADMIN, who.toLowerCase(), `${who}-password`, roles))
  creds.set('anonymous', undefined)
  creds.set('serverAdmin', ADMIN)
})
afterAll(() => t.stop())

function expectOutcome(who: Who, allowed: boolean, status: number, okStatus: number, what: string): void {
  const expected = allowed ? okStatus : who === 'anonymous' ? 401 : 403
  expect({ what, who, status }).toEqual({ what, who, status: expected })
}

const flag = (row: string, i: number) => row[i] === 'y'

describe('access matrix', () => {
  it('reading each database (info and changes feed)', async () => {
    for (const [db, row] of Object.entries(READ)) {
      for (const [i, who] of WHO.entries()) {
        const auth = creds.get(who)
        const info = await request(t.url, 'GET', `/${db}`, { ...(auth ? { auth } : {}) })
        expectOutcome(who, flag(row, i), info.status, 200, `read ${db}`)
        const feed = await request(t.url, 'GET', `/${db}/_changes`, { ...(auth ? { auth } : {}) })
        expectOutcome(who, flag(row, i), feed.status, 200, `changes ${db}`)
      }
    }
  })

  it('writing a help session of one\'s own into each municipality database', async () => {
    const location: Record<string, string> = { 'dgb-m-arendonk': 'loc-arendonk-bib', 'dgb-m-ravels': 'loc-ravels-bib' }
    for (const [db, row] of Object.entries(WRITE_SESSION)) {
      for (const [i, who] of WHO.entries()) {
        const auth = creds.get(who)
        const doc = makeHelpSession({ staff: auth?.name ?? 'nobody', location: location[db]! })
        const res = await request(t.url, 'PUT', `/${db}/${doc._id}`, { ...(auth ? { auth } : {}), body: doc })
        expectOutcome(who, flag(row, i), res.status, 201, `write session ${db}`)
      }
    }
  })

  it('writing configuration, _security and new databases', async () => {
    for (const [i, who] of WHO.entries()) {
      const auth = creds.get(who)
      const opts = auth ? { auth } : {}
      // A valid location document: the desk's configuration kinds are validated too (issue 4).
      const at = '2026-11-29T09:00:00.000Z'
      const location = { kind: 'location', schemaVersion: 1, createdAt: at, createdBy: String(who), updatedAt: at, active: true, municipality: 'arendonk', name: 'Zaal' }
      const cfg = await request(t.url, 'PUT', `/dgb-config/location:loc-arendonk-zaal${i}`, { ...opts, body: location })
      expectOutcome(who, flag(WRITE_CONFIG, i), cfg.status, 201, 'write config')
      const current = (await request(t.url, 'GET', '/dgb-lending/_security', { auth: ADMIN })).body
      const sec = await request(t.url, 'PUT', '/dgb-lending/_security', { ...opts, body: current })
      expectOutcome(who, flag(WRITE_SECURITY, i), sec.status, 200, 'write _security')
      const created = await request(t.url, 'PUT', `/matrix-${i}`, opts)
      expectOutcome(who, flag(CREATE_DB, i), created.status, 201, 'create db')
    }
  })
})
