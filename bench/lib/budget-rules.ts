/** Pure budget rules over a build's chunk graph, so they can be tested without building. */

/** A JavaScript chunk of the build, or a script index.html holds itself (`fileName` then names it). */
export interface ChunkInfo {
  fileName: string
  isEntry: boolean
  /** Chunks this one imports statically (loaded with it). */
  imports: string[]
  dynamicImports: string[]
  /** Source module ids bundled in this chunk. */
  modules: string[]
  gzipBytes: number
}

export const BUDGETS = {
  initialJsGzip: 120 * 1024,
  precacheGzip: 400 * 1024,
}

/** Libraries that must load only on the page that uses them. */
export const LAZY_ONLY: Array<{ what: string, pattern: RegExp }> = [
  // The dashboard draws its own bars (src/features/dashboard/); a chart library would count too.
  { what: 'charts', pattern: /node_modules\/(chart\.js|vue-chartjs|uplot|echarts)\/|\/src\/features\/dashboard\// },
  { what: 'QR codes and scanning', pattern: /node_modules\/(qrcode|barcode-detector|zxing-wasm|@zxing|jsqr)\// },
  { what: 'signature drawing', pattern: /node_modules\/signature_pad\// },
  { what: 'printing', pattern: /\/src\/.*[Pp]rint[^/]*\.(ts|vue)$/ },
]

/**
 * vue-i18n's message compiler, which the build leaves out (texts are precompiled,
 * `build/i18n-precompile.ts`): a few of its error codes stay in the bundle, its tokenizer,
 * parser and compiler must not. These are their function names in the package's code.
 */
export const MESSAGE_COMPILER = /node_modules\/@intlify\/message-compiler\//
const COMPILER_FUNCTIONS = ['baseCompile', 'createParser', 'createTokenizer']

/** The compiler's functions found in the code the build kept of the message compiler's modules. */
export function compilerFunctionsIn(code: string): string[] {
  return COMPILER_FUNCTIONS.filter(name => new RegExp(`\\bfunction ${name}\\b`).test(code))
}

/** The entry chunks and everything they import statically: what a first visit must load. */
export function initialChunks(chunks: ChunkInfo[]): ChunkInfo[] {
  const byName = new Map(chunks.map(c => [c.fileName, c]))
  const seen = new Set<string>()
  const queue = chunks.filter(c => c.isEntry).map(c => c.fileName)
  while (queue.length > 0) {
    const name = queue.shift()!
    if (seen.has(name) || !byName.has(name))
      continue
    seen.add(name)
    queue.push(...byName.get(name)!.imports)
  }
  return chunks.filter(c => seen.has(c.fileName))
}

export interface BudgetReport {
  initialJsGzip: number
  precacheGzip: number
  /** Lazy-only libraries found in the initial chunks, with the module that brought them. */
  eagerLibraries: Array<{ what: string, module: string }>
  /** The message compiler's functions the build shipped (`compilerFunctionsIn`): none. */
  messageCompiler: string[]
  failures: string[]
}

export function checkBudgets(chunks: ChunkInfo[], precacheGzip: number, messageCompiler: string[] = []): BudgetReport {
  const initial = initialChunks(chunks)
  const initialJsGzip = initial.reduce((sum, c) => sum + c.gzipBytes, 0)
  const eagerLibraries: BudgetReport['eagerLibraries'] = []
  for (const rule of LAZY_ONLY) {
    const module = initial.flatMap(c => c.modules).find(id => rule.pattern.test(id.replaceAll('\\', '/')))
    if (module)
      eagerLibraries.push({ what: rule.what, module })
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
  const failures = [
    ...initialJsGzip > BUDGETS.initialJsGzip ? [`initial JavaScript ${kb(initialJsGzip)} gzip > ${kb(BUDGETS.initialJsGzip)}`] : [],
    ...precacheGzip > BUDGETS.precacheGzip ? [`precache ${kb(precacheGzip)} gzip > ${kb(BUDGETS.precacheGzip)}`] : [],
    ...eagerLibraries.map(e => `${e.what} load at start (${e.module.replace(/^.*node_modules\//, '')})`),
    ...messageCompiler.length > 0 ? [`vue-i18n's message compiler ships (${messageCompiler.join(', ')}): texts must be precompiled`] : [],
  ]
  return { initialJsGzip, precacheGzip, eagerLibraries, messageCompiler, failures }
}
