/**
 * Size budgets of the app, checked on a real production build (deterministic: same sources, same
 * figures). Builds with the project's vite.config.ts into its own folder (never dist/), records the
 * chunk graph, and checks: initial JavaScript ≤ 120 kB gzip, everything precached ≤ 400 kB gzip,
 * charts, QR, signature drawing and printing not in the initial chunks, and no vue-i18n message
 * compiler anywhere (texts are precompiled). Exit code 1 when over.
 *
 *   node_modules/.bin/tsx bench/budget.ts [--out=/tmp/digibalie-budget-dist] [--report-only]
 *
 * `npm test` builds the app for its browser tests through this script (`npm run build:budget`,
 * `--out=dist`): one build, checked before Playwright serves it, and the run fails when over.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'vite'
import { BUDGETS, checkBudgets, compilerFunctionsIn, initialChunks, MESSAGE_COMPILER, type BudgetReport, type ChunkInfo } from './lib/budget-rules'
import { fmt, option, table } from './lib/report'
import { ROOT } from './lib/servers'
import { inlineScripts } from '../sync-server/http/static'

const gz = (data: Parameters<typeof gzipSync>[0]) => gzipSync(data).length

/** Which package (or `src`) a module comes from, to show what the initial chunk is made of. */
function owner(id: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id.replaceAll('\\', '/'))
  return m ? m[1]! : id.includes('/src/') ? 'src (app code)' : 'other'
}

export interface BuildAnalysis {
  chunks: ChunkInfo[]
  /** Approximate gzip per package in the initial chunks (each package's code compressed alone). */
  initialByPackage: Array<{ name: string, gzipBytes: number }>
  precache: Array<{ url: string, gzipBytes: number }>
  report: BudgetReport
}

export async function analyzeBuild(outDir: string): Promise<BuildAnalysis> {
  const chunks: ChunkInfo[] = []
  const codeByChunk = new Map<string, Map<string, string>>()
  const capture: Plugin = {
    name: 'digibalie-bench-chunk-graph',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        // The service worker is built separately by the PWA plugin; only the app's chunks count here.
        if (!item.fileName.startsWith('assets/'))
          continue
        if (item.type !== 'chunk')
          continue
        chunks.push({ fileName: item.fileName, isEntry: item.isEntry, imports: item.imports, dynamicImports: item.dynamicImports, modules: Object.keys(item.modules), gzipBytes: gz(item.code) })
        codeByChunk.set(item.fileName, new Map(Object.entries(item.modules).map(([id, m]) => [id, m.code ?? ''])))
      }
    },
  }
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', plugins: [capture], build: { outDir, emptyOutDir: true } })
  // A script index.html holds itself (the early form's, build/early-script.ts) runs at start.
  for (const [i, code] of inlineScripts(readFileSync(join(outDir, 'index.html'), 'utf8')).entries())
    chunks.push({ fileName: `index.html, inline script ${i + 1}`, isEntry: true, imports: [], dynamicImports: [], modules: [], gzipBytes: gz(code) })

  const perPackage = new Map<string, string>()
  for (const c of initialChunks(chunks)) {
    for (const [id, code] of codeByChunk.get(c.fileName) ?? [])
      perPackage.set(owner(id), (perPackage.get(owner(id)) ?? '') + code)
  }
  const initialByPackage = [...perPackage].map(([name, code]) => ({ name, gzipBytes: gz(code) })).sort((a, b) => b.gzipBytes - a.gzipBytes)

  // The precache list is what the service worker's injected manifest names, plus the worker itself.
  const sw = readFileSync(join(outDir, 'sw.js'), 'utf8')
  const urls = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map(m => m[1]!))]
  const precache = [...urls.map(url => ({ url, gzipBytes: gz(Uint8Array.from(readFileSync(join(outDir, url)))) })), { url: 'sw.js', gzipBytes: gz(sw) }]
  // What the build kept of vue-i18n's message compiler, in any chunk (lazy ones too).
  const compilerCode = [...codeByChunk.values()].flatMap(modules => [...modules].filter(([id]) => MESSAGE_COMPILER.test(id.replaceAll('\\', '/'))).map(([, code]) => code)).join('\n')
  const report = checkBudgets(chunks, precache.reduce((s, p) => s + p.gzipBytes, 0), compilerFunctionsIn(compilerCode))
  return { chunks, initialByPackage, precache, report }
}

const kB = (n: number) => `${fmt(n / 1024, 1)} kB`

export function budgetText(a: BuildAnalysis): string {
  const initial = new Set(initialChunks(a.chunks).map(c => c.fileName))
  const lines = [
    table([['chunk', 'loaded', 'gzip'], ...a.chunks.map(c => [c.fileName, initial.has(c.fileName) ? 'at start' : 'lazily', kB(c.gzipBytes)])]),
    '',
    'Initial JavaScript by package (each compressed alone, so the parts add up to a bit more than the whole):',
    table([['package', 'gzip'], ...a.initialByPackage.slice(0, 12).map(p => [p.name, kB(p.gzipBytes)])]),
    '',
    table([
      ['budget', 'now', 'limit', 'ok'],
      ['initial JavaScript (gzip)', kB(a.report.initialJsGzip), kB(BUDGETS.initialJsGzip), a.report.initialJsGzip <= BUDGETS.initialJsGzip ? 'yes' : 'NO'],
      ['everything precached (gzip)', kB(a.report.precacheGzip), kB(BUDGETS.precacheGzip), a.report.precacheGzip <= BUDGETS.precacheGzip ? 'yes' : 'NO'],
      ['charts, QR, signature, printing lazily', a.report.eagerLibraries.map(e => e.what).join(', ') || 'none at start', '', a.report.eagerLibraries.length === 0 ? 'yes' : 'NO'],
      ['vue-i18n without its message compiler', a.report.messageCompiler.join(', ') || 'left out', '', a.report.messageCompiler.length === 0 ? 'yes' : 'NO'],
    ]),
  ]
  return lines.join('\n')
}

async function main(): Promise<void> {
  const outDir = option('out', '/tmp/digibalie-budget-dist')
  const analysis = await analyzeBuild(outDir)
  console.log(`\nSize budgets (production build in ${outDir})\n`)
  console.log(budgetText(analysis))
  if (analysis.report.failures.length > 0) {
    console.log(`\nOver budget:\n${analysis.report.failures.map(f => `  - ${f}`).join('\n')}`)
    if (!process.argv.includes('--report-only'))
      process.exitCode = 1
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
