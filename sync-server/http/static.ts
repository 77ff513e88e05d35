import { createHash } from 'node:crypto'
import { createReadStream, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy } from './security-headers'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
}

/** Files whose name carries a content hash (`index-B2x9Qk1f.js`) never change: cache them for a year. */
const HASHED = /[.-][A-Za-z0-9_-]{8,}\.(?:js|mjs|css|woff2?|png|svg|jpg|webp|wasm)$/

/** A script element without `src`, and its text. */
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi

/** The text of each inline script of an HTML page. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(m => m[1]!)
}

/** The base64 SHA-256 of each inline script of an HTML page, as a CSP hash source names it. */
export function inlineScriptHashes(html: string): string[] {
  return inlineScripts(html).map(code => createHash('sha256').update(code, 'utf8').digest('base64'))
}

/**
 * An HTML page's Content-Security-Policy: the app's, plus the hash of each inline script the page
 * holds (the early form's, build/early-script.ts), so it runs exactly those and no other inline code.
 */
export function pagePolicy(html: string): string {
  return contentSecurityPolicy(inlineScriptHashes(html))
}

/** The built PWA: files as they are, `index.html` for app navigations. */
export class StaticFiles {
  constructor(private readonly root: string) {}

  private fileFor(pathname: string): string | undefined {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    }
    catch {
      return undefined
    }
    if (decoded.includes('\0'))
      return undefined
    const file = normalize(join(this.root, decoded))
    if (file !== this.root && !file.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep))
      return undefined
    try {
      return statSync(file).isFile() ? file : undefined
    }
    catch {
      return undefined
    }
  }

  /** Serves an existing file; returns false when there is none. */
  serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return false
    const file = this.fileFor(pathname === '/' ? '/index.html' : pathname)
    if (!file)
      return false
    this.send(req, res, file)
    return true
  }

  /** Serves `index.html` for a browser navigation (an `Accept: text/html` GET). */
  serveAppShell(req: IncomingMessage, res: ServerResponse): boolean {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !String(req.headers.accept ?? '').includes('text/html'))
      return false
    const file = this.fileFor('/index.html')
    if (!file)
      return false
    this.send(req, res, file)
    return true
  }

  private send(req: IncomingMessage, res: ServerResponse, file: string): void {
    const name = file.slice(file.lastIndexOf(sep) + 1)
    const longLived = HASHED.test(name) && file.includes(`${sep}assets${sep}`)
    // An HTML page is read whole and its policy made from the very bytes sent: a new build
    // deployed under a running server cannot slip in between the two.
    const page = extname(file).toLowerCase() === '.html' ? readFileSync(file) : undefined
    const size = page?.length ?? statSync(file).size
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      // The service worker and the page that registers it must be revalidated, or an update never lands.
      'Cache-Control': longLived ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(name === 'sw.js' ? { 'Service-Worker-Allowed': '/' } : {}),
      ...(page ? { 'Content-Security-Policy': pagePolicy(page.toString('utf8')) } : {}),
    })
    if (req.method === 'HEAD' || page) {
      res.end(req.method === 'HEAD' ? undefined : page)
      return
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res)
  }
}
