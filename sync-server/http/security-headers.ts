import type { ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of the app and the API. The built PWA's scripts and its stylesheet
 * come from our own origin, except the early form's script, which index.html holds itself
 * (build/early-script.ts): the page that carries it allows exactly that script, by its hash
 * (`contentSecurityPolicy`, `sync-server/http/static.ts`). Nothing here needs `unsafe-inline` or
 * `unsafe-eval`:
 * - `img-src` allows `data:` and `blob:` because signatures and QR labels are drawn to data URLs;
 * - `connect-src 'self'`: the app talks only to this server (replication, `_session`);
 * - `worker-src 'self'`: the service worker that keeps the app usable offline;
 * - `frame-ancestors 'self'`: no other site may frame the app to trick a volunteer into clicks;
 *   the app itself draws its help-session form in a hidden frame to keep it for the next cold
 *   start (`src/early-form/keep-frame.ts`).
 * Vue's style bindings go through the CSSOM, which `style-src 'self'` does not block.
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  return [
    `default-src 'self'`,
    [`script-src 'self'`, ...inlineScriptHashes.map(hash => `'sha256-${hash}'`)].join(' '),
    `style-src 'self'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `worker-src 'self'`,
    `manifest-src 'self'`,
    `media-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'self'`,
  ].join('; ')
}

/** The policy of every answer but an HTML page with inline scripts: no inline script at all. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy()

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Addresses can carry a database or document id; no other site needs to learn them.
  'Referrer-Policy': 'no-referrer',
  // For browsers that predate `frame-ancestors`.
  'X-Frame-Options': 'SAMEORIGIN',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The QR scanner needs the camera of this origin; nothing needs the rest.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
}

/**
 * Puts the security headers on a response before anything is written; a handler that sends its
 * own (an attachment's `sandbox` policy) overrides them in `writeHead`.
 */
export function setSecurityHeaders(res: ServerResponse, behindTls: boolean): void {
  for (const [name, value] of Object.entries(HEADERS))
    res.setHeader(name, value)
  if (behindTls)
    res.setHeader('Strict-Transport-Security', 'max-age=31536000')
}
