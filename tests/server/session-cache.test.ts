import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser, request, signIn, type Credentials } from './support/http'
import { runCli } from './support/process'
import { ADMIN, startWithVera, type TestServer } from './support/server'

// The server keeps a signed-in account, its verified cookie and each database's `_security` between
// requests. Each test first makes a request with the cookie (so the kept copy exists), then
// changes the account or the database, and expects the very next request to see the change.
describe('what the server keeps between requests follows every change at once', () => {
  let t: TestServer
  let vera: Credentials
  let cookie: string
  const userPath = '/_users/org.couchdb.user%3Avera'

  beforeEach(async () => {
    ({ t, vera } = await startWithVera())
    cookie = await signIn(t.url, vera)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(200)
  })
  afterEach(() => t.stop())

  const adminWrite = async (change: Record<string, unknown>) => {
    const doc = (await request(t.url, 'GET', userPath, { auth: ADMIN })).body
    expect((await request(t.url, 'PUT', userPath, { auth: ADMIN, body: { ...doc, ...change } })).status).toBe(201)
  }

  it('refuses the cookie of an account disabled through the server', async () => {
    await adminWrite({ disabled: true })
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.name).toBeNull()
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(401)
  })

  it('refuses the cookie of an account disabled with the command-line tool while the server runs', async () => {
    expect((await runCli(['user', 'disable', 'vera'], { DATA_DIR: t.dataDir })).code).toBe(0)
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.name).toBeNull()
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(401)
  })

  it('gives the cookie the new roles at once, whoever changes them', async () => {
    await adminWrite({ roles: ['volunteer', 'm:ravels'] })
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.roles).toEqual(['volunteer', 'm:ravels'])
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(403)

    expect((await runCli(['user', 'roles', 'vera', 'volunteer,m:arendonk'], { DATA_DIR: t.dataDir })).code).toBe(0)
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.roles).toEqual(['volunteer', 'm:arendonk'])
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(200)
  })

  it('ends the cookie\'s session when the password changes, and the new sign-in works', async () => {
    await createUser(t.url, ADMIN, 'vera', 'vera-password-2', ['volunteer', 'm:arendonk'])
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.name).toBeNull()
    const fresh = await signIn(t.url, { name: 'vera', password: 'vera-password-2' })
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie: fresh })).status).toBe(200)
  })

  it('refuses a cookie with a forged signature even after the real one was accepted', async () => {
    const value = cookie.slice(cookie.indexOf('=') + 1)
    const raw = Buffer.from(value, 'base64url').toString()
    const forged = `AuthSession=${Buffer.from(`${raw.slice(0, raw.lastIndexOf(':') + 1)}${'A'.repeat(43)}`).toString('base64url')}`
    expect((await request(t.url, 'GET', '/_session', { cookie: forged })).body.userCtx.name).toBeNull()
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.name).toBe('vera')
  })

  it('applies a changed _security at once, through the server or the command-line tool', async () => {
    const members = (roles: string[]) => ({ admins: { names: [], roles: [] }, members: { names: [], roles } })
    expect((await request(t.url, 'PUT', '/dgb-m-arendonk/_security', { auth: ADMIN, body: members(['coordinator']) })).status).toBe(200)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(403)
    expect((await request(t.url, 'PUT', '/dgb-m-arendonk/_security', { auth: ADMIN, body: members(['m:arendonk']) })).status).toBe(200)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(200)

    expect((await runCli(['db', 'create', 'dgb-m-arendonk', '--members', 'coordinator'], { DATA_DIR: t.dataDir })).code).toBe(0)
    expect((await request(t.url, 'GET', '/dgb-m-arendonk/_all_docs', { cookie })).status).toBe(403)
  })
})
