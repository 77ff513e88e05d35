import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { createUser, request, signIn, type Credentials } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
let vera: Credentials
let staticDir: string

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'dgb-static-'))
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Digibalie</title>')
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {})')
  writeFileSync(join(staticDir, 'assets', 'index-B2x9Qk1f.js'), 'console.log(1)')
  writeFileSync(join(staticDir, 'manifest.webmanifest'), '{}')
  t = await startTestServer({ staticDir })
  vera = await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
})
afterAll(async () => {
  await t.stop()
  rmSync(staticDir, { recursive: true, force: true })
})

describe('_session', () => {
  it('signs in with a cookie that is HttpOnly, SameSite=Strict, and works for replication calls', async () => {
    const res = await request(t.url, 'POST', '/_session', { body: vera })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, name: 'vera', roles: ['volunteer', 'm:arendonk'] })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^AuthSession=[^;]+;/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const jar = cookie.split(';')[0]!
    const session = await request(t.url, 'GET', '/_session', { cookie: jar })
    expect(session.body).toMatchObject({ ok: true, userCtx: { name: 'vera', roles: ['volunteer', 'm:arendonk'] }, info: { authenticated: 'cookie' } })
    const doc = makeHelpSession({ staff: 'vera' })
    const put = await request(t.url, 'PUT', `/dgb-m-arendonk/${doc._id}`, { cookie: jar, body: doc })
    expect(put.status).toBe(201)
  })

  it('accepts a form-encoded sign-in, as CouchDB does', async () => {
    const res = await request(t.url, 'POST', '/_session', {
      raw: 'name=vera&password=vera-password-1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(200)
  })

  it('keeps sessions valid across a restart (the secret lives in the data folder)', async () => {
    const jar = await signIn(t.url, vera)
    await t.restart()
    const session = await request(t.url, 'GET', '/_session', { cookie: jar })
    expect(session.body.userCtx.name).toBe('vera')
  })

  it('refuses a wrong password with 401 and shows anonymous for a forged cookie', async () => {
    const wrong = await request(t.url, 'POST', '/_session', { body: { name: 'vera', password: 'nope-nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ error: 'unauthorized', reason: 'Name or password is incorrect.' })
    const forged = Buffer.from('vera:ffffffff:abc').toString('base64url')
    const session = await request(t.url, 'GET', '/_session', { cookie: `AuthSession=${forged}` })
    expect(session.body.userCtx).toEqual({ name: null, roles: [] })
  })

  it('signs out by clearing the cookie', async () => {
    const res = await request(t.url, 'DELETE', '/_session')
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toContain('Max-Age=0')
  })

  it('answers GET /_session with Basic credentials like CouchDB', async () => {
    const res = await request(t.url, 'GET', '/_session', { auth: ADMIN })
    expect(res.body.userCtx).toEqual({ name: 'admin', roles: ['_admin', 'coordinator', 'admin'] })
  })
})

describe('the PWA on the same origin', () => {
  it('serves files with their content type and cache rules', async () => {
    const index = await fetch(`${t.url}/`, { headers: { Accept: 'text/html' } })
    expect(index.headers.get('content-type')).toContain('text/html')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('Digibalie')
    const sw = await fetch(`${t.url}/sw.js`)
    expect(sw.headers.get('content-type')).toContain('text/javascript')
    expect(sw.headers.get('cache-control')).toBe('no-cache')
    const asset = await fetch(`${t.url}/assets/index-B2x9Qk1f.js`)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const manifest = await fetch(`${t.url}/manifest.webmanifest`)
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json')
  })

  it('answers app navigations with index.html, and API calls with JSON', async () => {
    const nav = await fetch(`${t.url}/sessions/new`, { headers: { Accept: 'text/html' } })
    expect(nav.status).toBe(200)
    expect(await nav.text()).toContain('<title>Digibalie</title>')
    const api = await request(t.url, 'GET', '/')
    expect(api.body.couchdb).toBe('Welcome')
    const missingDb = await request(t.url, 'GET', '/no-such-db', { auth: ADMIN })
    expect(missingDb.status).toBe(404)
    expect(missingDb.body.error).toBe('not_found')
    const dbNav = await fetch(`${t.url}/dgb-m-arendonk`, { headers: { Accept: 'text/html' } })
    expect(dbNav.headers.get('content-type')).toBe('application/json')
  })

  it('never serves files outside the static folder', async () => {
    const res = await fetch(`${t.url}/..%2f..%2fetc%2fpasswd`)
    expect(res.status).not.toBe(200)
    const text = await res.text()
    expect(text).not.toContain('root:')
  })
})
