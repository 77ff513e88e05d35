import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rolldown } from 'rolldown'
import type { Plugin } from 'vite'
import { ENTRY_META, PRELOAD_META } from '../src/early-form/controls'

/*
 * The kept help-session form needs a classic script that runs before the app's modules
 * (src/early-form/boot.ts). Vite bundles module scripts only, so this plugin bundles that one on
 * its own (no module syntax, about 4 kB) and writes it into index.html itself: as a file of its
 * own it came from the service worker only after the page had asked for it, and the parser, held
 * up at that tag, painted an empty page first (a kept cold start was 4–11 % slower). The server
 * allows exactly the inline scripts of the index.html it serves, by their hash
 * (`sync-server/http/static.ts`); every other script still has to come from our origin. In
 * development there is no kept form (see src/early-form/useEarlyFormCapture.ts), so the tag is
 * left out there.
 */
export const EARLY_SCRIPT_SRC = '/src/early-form/boot.ts'
const ENTRY_TAG = /<script type="module" crossorigin src="([^"]+)"><\/script>/
const PRELOAD_TAG = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g
const TAG = `<script src="${EARLY_SCRIPT_SRC}"></script>`

export async function bundleEarlyScript(): Promise<string> {
  const bundle = await rolldown({ input: fileURLToPath(new URL(`..${EARLY_SCRIPT_SRC}`, import.meta.url)), logLevel: 'warn' })
  try {
    const { output } = await bundle.generate({ format: 'iife', minify: true })
    return output[0].code
  }
  finally {
    await bundle.close()
  }
}

/** The entry module a built index.html names (the version a kept form belongs to), or null. */
export function builtEntry(indexHtml: string): string | null {
  return new RegExp(`<meta name="${ENTRY_META}" content="([^"]+)">`).exec(indexHtml)?.[1] ?? null
}

/** The entry module of the build in `dir` (its index.html's): which version it is. Throws when it names none. */
export function buildVersionOf(dir: string): string {
  const entry = builtEntry(readFileSync(join(dir, 'index.html'), 'utf8'))
  if (!entry)
    throw new Error(`${join(dir, 'index.html')} names no entry module (meta ${ENTRY_META})`)
  return entry
}

export function earlyScript(): Plugin[] {
  let code = ''
  return [{
    name: 'digibalie:early-script',
    async buildStart() {
      if (this.environment?.config.command !== 'build')
        return
      code = await bundleEarlyScript()
      // Written between script tags as it is: it must not end the tag itself.
      if (/<\/script/i.test(code))
        throw new Error('the early form script contains "</script" and cannot be written into index.html')
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(TAG))
          throw new Error(`index.html must load the early form script as ${TAG}`)
        return html.replace(TAG, () => code ? `<script>${code}</script>` : '')
      },
    },
  }, {
    name: 'digibalie:early-script-entry',
    transformIndexHtml: {
      /*
       * The early script starts the app's entry module itself: right away, or, when it has drawn
       * the kept form, after that form's first frame. A module script in the page would run as
       * soon as the page is parsed, and its first long task (compiling and running the shell)
       * would come before the form is painted and can take a tap. For the same reason the page
       * preloads none of the app's modules itself: the early script asks for them as it starts the
       * entry (at once when nothing is kept), so with a kept form on screen their download and
       * compiling do not compete with that form's first frame.
       */
      order: 'post',
      handler(html) {
        if (!code)
          return html
        const entry = ENTRY_TAG.exec(html)?.[1]
        if (!entry)
          throw new Error('the built index.html has no entry module for the early script to start')
        const preloads = [...html.matchAll(PRELOAD_TAG)].map(m => m[1]!)
        return html
          .replace(PRELOAD_TAG, '')
          .replace(ENTRY_TAG, `<meta name="${ENTRY_META}" content="${entry}">\n    <meta name="${PRELOAD_META}" content="${preloads.join(' ')}">`)
      },
    },
  }]
}
