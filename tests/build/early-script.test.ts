import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import vm from 'node:vm'
import type { Plugin } from 'vite'
import { describe, expect, it } from 'vitest'
import { buildVersionOf, builtEntry, bundleEarlyScript, earlyScript } from '../../build/early-script'

/** Calls a plugin hook the way Vite would (object form or plain function). */
function hook(plugin: Plugin, name: 'buildStart' | 'transformIndexHtml', ...args: unknown[]): unknown {
  const h = plugin[name] as unknown
  const fn = (typeof h === 'function' ? h : (h as { handler: (...a: unknown[]) => unknown }).handler) as (...a: unknown[]) => unknown
  return fn.call({ environment: { config: { command: 'build' } } }, ...args)
}

const SOURCE_HTML = '<head></head><body><div id="app"></div>\n<script src="/src/early-form/boot.ts"></script></body>'
const BUILT_HTML = '<head><script type="module" crossorigin src="/assets/index-abc.js"></script>\n    <link rel="modulepreload" crossorigin href="/assets/runtime-1.js">\n    <link rel="modulepreload" crossorigin href="/assets/domain-2.js"></head><body><div id="app"></div><script>(function(){})()</script></body>'

describe('the early form script in the build', () => {
  it('is one classic script: it parses as a script (no module syntax) and runs without #app', async () => {
    const code = await bundleEarlyScript()
    expect(() => new vm.Script(code)).not.toThrow()
    const document = { getElementById: () => null, querySelector: () => null }
    expect(() => vm.runInNewContext(code, { document })).not.toThrow()
  })

  it('goes into index.html in place of its source, and starts the entry module and its preloads that the page no longer loads itself', async () => {
    const [script, entry] = earlyScript()
    await hook(script!, 'buildStart')
    const html = hook(script!, 'transformIndexHtml', SOURCE_HTML) as string
    // Written into the page itself: no request to the service worker stands before the kept form.
    expect(html).toContain(`<script>${await bundleEarlyScript()}</script>`)
    expect(html).not.toContain('/src/early-form/boot.ts')
    expect(html).not.toMatch(/<script[^>]*\ssrc=/)

    const built = hook(entry!, 'transformIndexHtml', BUILT_HTML) as string
    expect(built).not.toContain('<script type="module"')
    expect(built).toContain('<meta name="digibalie-entry" content="/assets/index-abc.js">')
    // The early script preloads them as it starts the entry: nothing competes with a kept form's first frame.
    expect(built).not.toContain('modulepreload')
    expect(built).toContain('<meta name="digibalie-preload" content="/assets/runtime-1.js /assets/domain-2.js">')
    // What the bench and the update spec read a build's version by: the entry it names.
    expect(builtEntry(built)).toBe('/assets/index-abc.js')
    expect(builtEntry(BUILT_HTML)).toBeNull()
    // The same, read from a build's folder; one that names no entry is an error, not a version.
    const dir = mkdtempSync(join(tmpdir(), 'digibalie-build-version-'))
    try {
      writeFileSync(join(dir, 'index.html'), built)
      expect(buildVersionOf(dir)).toBe('/assets/index-abc.js')
      writeFileSync(join(dir, 'index.html'), BUILT_HTML)
      expect(() => buildVersionOf(dir)).toThrow(/names no entry module/)
    }
    finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
