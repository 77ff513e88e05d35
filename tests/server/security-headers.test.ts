import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, request, type Credentials } from './support/http'
import { runCli } from './support/process'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
let staticDir: string
let vera: Credentials

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'dgb-static-'))
  mkdirSync(join(staticDir, 'assets'))
  writeFileSync(join(staticDir, 'index.html'), page(EARLY))
  writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {})')
  t = await startTestServer({ staticDir })
  vera = await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
})
afterAll(async () => {
  await t.stop()
  rmSync(staticDir, { recursive: true, force: true })
})

/** The early form's script, as a build writes it into index.html (build/early-script.ts). */
const EARLY = '(function(){document.title="early"})()\n'

/** A built index.html: an inline script, and the entry as a file of our origin. */
function page(inline: string): string {
  return `<!doctype html><title>Digibalie</title><script type="module" crossorigin src="/assets/index-abc.js"></script><body><div id="app"></div><script>${inline}</script>`
}

/** A CSP hash source for `code`. */
function hashSource(code: string): string {
  return `'sha256-${createHash('sha256').update(code).digest('base64')}'`
}

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
// `true`: an HTML page, whose policy also names its own inline script.
const answers: [string, () => Promise<Response>, boolean][] = [
  ['index.html', () => fetch(`${t.url}/`, { headers: { Accept: 'text/html' } }), true],
  ['sw.js', () => fetch(`${t.url}/sw.js`), false],
  ['an app navigation', () => fetch(`${t.url}/sessions/new`, { headers: { Accept: 'text/html' } }), true],
  ['GET / (API)', () => fetch(`${t.url}/`, { headers: { Accept: 'application/json' } }), false],
  ['a 401', () => fetch(`${t.url}/dgb-m-arendonk/_all_docs`), false],
  ['a 400', () => fetch(`${t.url}/_nonsense`), false],
]

describe('security headers', () => {
  it.each(answers)('%s carries a Content-Security-Policy without unsafe-eval or unsafe-inline', async (_name, get, html) => {
    const res = await get()
    const csp = directives(res.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toEqual(['\'self\''])
    // Scripts of our origin, and on the page that holds it the early form's script alone, by its hash.
    expect(csp.get('script-src')).toEqual(html ? ['\'self\'', hashSource(EARLY)] : ['\'self\''])
    expect(csp.get('connect-src')).toEqual(['\'self\''])
    expect(csp.get('worker-src')).toEqual(['\'self\''])
    expect(csp.get('img-src')).toEqual(['\'self\'', 'data:', 'blob:'])
    expect(csp.get('object-src')).toEqual(['\'none\''])
    expect(csp.get('frame-ancestors')).toEqual(['\'self\''])
    const all = [...csp.values()].flat()
    expect(all).not.toContain('\'unsafe-eval\'')
    expect(all).not.toContain('\'unsafe-inline\'')
  })

  it('allows the inline script of the index.html it serves now, after a new build replaced it', async () => {
    const next = '(function(){document.title="next"})()\n'
    writeFileSync(join(staticDir, 'index.html'), page(next))
    try {
      const res = await fetch(`${t.url}/hulpvraag/nieuw`, { headers: { Accept: 'text/html' } })
      expect(await res.text()).toContain(next)
      expect(directives(res.headers.get('content-security-policy')).get('script-src')).toEqual(['\'self\'', hashSource(next)])
    }
    finally {
      writeFileSync(join(staticDir, 'index.html'), page(EARLY))
    }
  })

  it('prints, for a proxy that serves the built app itself, the policy the server gives its index.html', async () => {
    const served = await fetch(`${t.url}/`, { headers: { Accept: 'text/html' } })
    const printed = await runCli(['csp'], { STATIC_DIR: staticDir })
    expect(printed.code).toBe(0)
    expect(printed.out.trim()).toBe(served.headers.get('content-security-policy'))
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
