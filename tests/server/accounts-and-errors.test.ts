import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { request, type Credentials } from './support/http'
import { ADMIN, type TestServer, startWithVera } from './support/server'

let t: TestServer
let vera: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
})
afterAll(() => t.stop())

describe('accounts in _users', () => {
  it('stores CouchDB-shaped user docs with a PBKDF2-SHA256 hash, never the password', async () => {
    const res = await request(t.url, 'GET', '/_users/org.couchdb.user:vera', { auth: ADMIN })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      _id: 'org.couchdb.user:vera',
      name: 'vera',
      type: 'user',
      roles: ['volunteer', 'm:arendonk'],
      password_scheme: 'pbkdf2',
      pbkdf2_prf: 'sha256',
    })
    expect(res.body.iterations).toBeGreaterThanOrEqual(600_000)
    expect(res.body.password).toBeUndefined()
    const files = readdirSync(join(t.dataDir, 'db'))
    const raw = files.filter(f => f.startsWith('_users')).map(f => readFileSync(join(t.dataDir, 'db', f)).toString('latin1')).join('')
    expect(raw).not.toContain('vera-password-1')
  })

  it('lets only admins create accounts, and lets an account read its own document', async () => {
    const id = 'org.couchdb.user:mallory'
    const byVera = await request(t.url, 'PUT', `/_users/${id}`, { auth: vera, body: { name: 'mallory', password: 'mallory-pass', roles: ['coordinator'], type: 'user' } })
    expect([401, 403]).toContain(byVera.status)
    const anonymous = await request(t.url, 'PUT', `/_users/${id}`, { body: { name: 'mallory', password: 'mallory-pass', roles: ['_admin'], type: 'user' } })
    expect(anonymous.status).toBe(401)
    expect((await request(t.url, 'GET', '/_users/org.couchdb.user:vera', { auth: vera })).status).toBe(200)
    expect((await request(t.url, 'GET', '/_users/org.couchdb.user:admin', { auth: vera })).status).toBe(403)
  })

  it('lets an account change its own password but not its roles', async () => {
    const current = await request(t.url, 'GET', '/_users/org.couchdb.user:vera', { auth: vera })
    const promote = await request(t.url, 'PUT', '/_users/org.couchdb.user:vera', { auth: vera, body: { ...current.body, roles: ['coordinator'] } })
    expect(promote.status).toBe(403)
    const change = await request(t.url, 'PUT', '/_users/org.couchdb.user:vera', { auth: vera, body: { ...current.body, password: 'vera-password-2' } })
    expect(change.status).toBe(201)
    vera = { name: 'vera', password: 'vera-password-2' }
    expect((await request(t.url, 'GET', '/dgb-m-arendonk', { auth: vera })).status).toBe(200)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk', { auth: { name: 'vera', password: 'vera-password-1' } })).status).toBe(401)
  })
})

describe('errors as CouchDB writes them', () => {
  it('answers {error, reason} with the right status', async () => {
    const missing = await request(t.url, 'GET', '/dgb-m-arendonk/session:nope', { auth: vera })
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({ error: 'not_found', reason: 'missing' })
    const badJson = await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: vera, raw: '{not json', headers: { 'Content-Type': 'application/json' } })
    expect(badJson.status).toBe(400)
    expect(badJson.body).toEqual({ error: 'bad_request', reason: 'invalid UTF-8 JSON' })
    const noDocs = await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: vera, body: {} })
    expect(noDocs.status).toBe(400)
    const wrongMethod = await request(t.url, 'GET', '/dgb-m-arendonk/_bulk_docs', { auth: vera })
    expect(wrongMethod.status).toBe(405)
    const unknown = await request(t.url, 'GET', '/_nonsense', { auth: vera })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toBe('illegal_database_name')
  })

  it('answers a PUT of an invalid session with 403 forbidden, and a stale rev with 409', async () => {
    const doc = makeHelpSession({ staff: 'vera' })
    const invalid = await request(t.url, 'PUT', `/dgb-m-arendonk/${doc._id}`, { auth: vera, body: { ...doc, categories: ['Poker!'] } })
    expect(invalid.status).toBe(403)
    expect(invalid.body).toEqual({ error: 'forbidden', reason: expect.stringContaining('categories') })
    const ok = await request(t.url, 'PUT', `/dgb-m-arendonk/${doc._id}`, { auth: vera, body: doc })
    expect(ok.status).toBe(201)
    const stale = await request(t.url, 'PUT', `/dgb-m-arendonk/${doc._id}`, { auth: vera, body: { ...doc, durationMinutes: 30 } })
    expect(stale.status).toBe(409)
    expect(stale.body).toEqual({ error: 'conflict', reason: 'Document update conflict.' })
  })

  it('keeps document bodies and passwords out of the log', () => {
    const log = t.lines.join('\n')
    expect(log).not.toContain('vera-password')
    expect(log).not.toContain('loc-arendonk-bib')
    expect(log).not.toContain('session:')
    expect(log).toMatch(/PUT \/dgb-m-arendonk\/\{id\} 201/)
  })
})
