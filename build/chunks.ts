import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[], importers: readonly string[], isEntry: boolean } | null
  getModuleIds(): IterableIterator<string>
}

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))
const DATA = src('data/index.ts')
const ROUTER = src('router.ts')
const FEATURE = /[\\/]src[\\/]features[\\/]([^\\/]+)[\\/]/
/** Libraries and the French and English texts: chunks of their own, loaded where they are used. */
const OWN_CHUNK = /node_modules|[\\/]src[\\/]i18n[\\/]messages[\\/]|^\0/
/*
 * The domain is left to the bundler: the graph says the shell reaches all of it (through
 * `src/domain/index.ts`), but the shell uses a few functions only, and tree shaking (see
 * vite.config.ts) keeps the rest where it is used, mostly in `data`.
 */
const DOMAIN = /[\\/]src[\\/]domain[\\/]/

/** Modules and everything they import statically, directly or not. */
function staticClosure(graph: ModuleGraph, from: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...from]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id))
      continue
    seen.add(id)
    queue.push(...graph.getModuleInfo(id)?.importedIds ?? [])
  }
  return seen
}

/** The feature folder of a module, or undefined outside `src/features`. */
const featureOf = (id: string) => FEATURE.exec(id)?.[1]

/*
 * Few, purposeful chunks instead of one per shared module: on a slow tablet each file a page
 * loads costs the main thread more than its bytes do. `shell` is what the first paint needs (Vue,
 * router, i18n with the Dutch texts, the app frame); `data` is the data layer (PouchDB, Dexie,
 * repositories), loaded right after; a feature's own page code shares one chunk (`page-<feature>`);
 * what pages of several features use goes to `pages`, so a page loads its feature's chunk and
 * `pages`, not one chunk per feature it borrows from. Libraries used by a few pages only (CSV,
 * signature, QR codes) and the French and English texts keep chunks of their own.
 *
 * The plugin reads the module graph once parsing is done; the groups then sort modules by it.
 */
export function appChunks() {
  const chunkOf = new Map<string, string>()
  const plugin: Plugin = {
    name: 'digibalie-app-chunks',
    apply: 'build',
    buildEnd() {
      chunkOf.clear()
      const ids = [...this.getModuleIds()]
      for (const id of staticClosure(this, [DATA])) chunkOf.set(id, 'data')
      for (const id of staticClosure(this, ids.filter(id => this.getModuleInfo(id)?.isEntry))) chunkOf.set(id, 'shell')
      for (const id of ids) {
        if (DOMAIN.test(id))
          chunkOf.delete(id)
        if (DOMAIN.test(id) || chunkOf.has(id) || OWN_CHUNK.test(id))
          continue
        const feature = featureOf(id)
        const importers = this.getModuleInfo(id)?.importers ?? []
        const own = feature !== undefined && importers.every(i => i === ROUTER || featureOf(i) === feature)
        chunkOf.set(id, own ? `page-${feature}` : 'pages')
      }
    },
  }
  const names = ['shell', 'data', 'pages', ...readdirSync(src('features')).map(f => `page-${f}`)]
  const groups = [
    ...names.map(name => ({ name, test: (id: string) => chunkOf.get(id) === name })),
    // The QR reader's library is some sixty small modules, used together on the scan page only.
    { name: 'qr-reader', test: /node_modules[\\/]@zxing[\\/]/ },
    // The domain's rules and schemas: the help-session form validates with them before the data
    // layer has loaded (see src/main.ts), so they must not sit in the `data` chunk.
    { name: 'domain', priority: 1, test: /[\\/]src[\\/]domain[\\/]|node_modules[\\/]valibot[\\/]/ },
  ]
  return { plugin, groups }
}
