import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
let staticDir: string
let vera: Credentials

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'dgb-static-'))
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Digibalie</title>')
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {})')
  t = await startTestServer({ staticDir })
  vera = await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
})
afterAll(async () => {
  await t.stop()
  rmSync(staticDir, { recursive: true, force: true })
})

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name)
      out.set(name, values)
  }
  return out
}

// Each kind of answer the server gives: the app shell, the service worker, an app navigation,
// API JSON, and API errors (anonymous and not found).
const answers: [string, () => Promise<Response>][] = [
  ['index.html', () => fetch(`${t.url}/`, { headers: { Accept: 'text/html' } })],
  ['sw.js', () => fetch(`${t.url}/sw.js`)],
  ['an app navigation', () => fetch(`${t.url}/sessions/new`, { headers: { Accept: 'text/html' } })],
  ['GET / (API)', () => fetch(`${t.url}/`, { headers: { Accept: 'application/json' } })],
  ['a 401', () => fetch(`${t.url}/dgb-m-arendonk/_all_docs`)],
  ['a 400', () => fetch(`${t.url}/_nonsense`)],
]

describe('security headers', () => {
  it.each(answers)('%s carries a Content-Security-Policy without unsafe-eval or unsafe-inline', async (_name, get) => {
    const res = await get()
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toEqual(['\'self\''])
    expect(csp.get('script-src')).toEqual(['\'self\''])
    expect(csp.get('connect-src')).toEqual(['\'self\''])
    expect(csp.get('worker-src')).toEqual(['\'self\''])
    expect(csp.get('img-src')).toEqual(['\'self\'', 'data:', 'blob:'])
    expect(csp.get('object-src')).toEqual(['\'none\''])
    expect(csp.get('frame-ancestors')).toEqual(['\'self\''])
    const all = [...csp.values()].flat()
    expect(all).not.toContain('\'unsafe-eval\'')
    expect(all).not.toContain('\'unsafe-inline\'')
  })

  it.each(answers)('%s carries nosniff, no-referrer and same-origin framing only', async (_name, get) => {
    const res = await get()
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })

  it('keeps the stricter sandbox policy on attachments', async () => {
    // A database outside the domain's rules, where a server admin may store any document.
    expect((await request(t.url, 'PUT', '/scratch', { auth: ADMIN })).status).toBe(201)
    const id = 'photo-doc'
    const put = await request(t.url, 'PUT', `/scratch/${id}/photo.svg`, { auth: ADMIN, raw: '<svg/>', headers: { 'Content-Type': 'image/svg+xml' } })
    expect(put.status).toBe(201)
    const res = await fetch(`${t.url}/scratch/${id}/photo.svg`, { headers: { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe('sandbox')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
})

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Strict, path-wide, and not Secure on plain http', async () => {
    const res = await request(t.url, 'POST', '/_session', { body: vera })
    const cookie = res.headers.get('set-cookie')!
    const attrs = cookie.split(';').map(s => s.trim())
    expect(attrs).toContain('HttpOnly')
    expect(attrs).toContain('SameSite=Strict')
    expect(attrs).toContain('Path=/')
    expect(attrs).not.toContain('Secure')
  })

  it('are cleared with the same attributes on sign-out', async () => {
    const res = await request(t.url, 'DELETE', '/_session')
    const attrs = res.headers.get('set-cookie')!.split(';').map(s => s.trim())
    expect(attrs).toEqual(expect.arrayContaining(['AuthSession=', 'Max-Age=0', 'HttpOnly', 'SameSite=Strict']))
  })
})

describe('behind TLS', () => {
  it('marks cookies Secure and sends Strict-Transport-Security', async () => {
    const tls = await startTestServer({ secureCookies: true })
    try {
      const res = await request(tls.url, 'POST', '/_session', { body: ADMIN })
      expect(res.headers.get('set-cookie')!.split(';').map(s => s.trim())).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure']))
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000')
      const out = await request(tls.url, 'DELETE', '/_session')
      expect(out.headers.get('set-cookie')).toContain('Secure')
    }
    finally {
      await tls.stop()
    }
  })
})
