import { describe, expect, it } from 'vitest'
import { BUDGETS, checkBudgets, compilerFunctionsIn, initialChunks, type ChunkInfo } from '../../bench/lib/budget-rules'

function chunk(fileName: string, over: Partial<ChunkInfo> = {}): ChunkInfo {
  return { fileName, isEntry: false, imports: [], dynamicImports: [], modules: [], gzipBytes: 1000, ...over }
}

describe('size budget rules', () => {
  const graph = [
    chunk('assets/index.js', { isEntry: true, imports: ['assets/vendor.js'], dynamicImports: ['assets/lending.js'], gzipBytes: 60_000 }),
    chunk('assets/vendor.js', { gzipBytes: 40_000, modules: ['/p/node_modules/vue/dist/vue.js'] }),
    chunk('assets/lending.js', { imports: ['assets/vendor.js'], modules: ['/p/node_modules/signature_pad/dist/signature_pad.js'], gzipBytes: 9_000 }),
  ]

  it('counts the entry and its static imports as initial, not what is imported lazily', () => {
    expect(initialChunks(graph).map(c => c.fileName)).toEqual(['assets/index.js', 'assets/vendor.js'])
    const report = checkBudgets(graph, 200_000)
    expect(report.initialJsGzip).toBe(100_000)
    expect(report.failures).toEqual([])
  })

  it('fails a lazy-only library in the initial chunks, and sizes over the limits', () => {
    const eager = graph.map(c => c.fileName === 'assets/vendor.js' ? { ...c, modules: [...c.modules, '/p/node_modules/qrcode/lib/index.js'] } : c)
    const report = checkBudgets([...eager, chunk('assets/big.js', { isEntry: true, gzipBytes: BUDGETS.initialJsGzip })], BUDGETS.precacheGzip + 1)
    expect(report.eagerLibraries).toEqual([{ what: 'QR codes and scanning', module: '/p/node_modules/qrcode/lib/index.js' }])
    expect(report.failures).toHaveLength(3)
    expect(report.failures[0]).toMatch(/^initial JavaScript/)
    expect(report.failures[1]).toMatch(/^precache/)
  })

  it('fails the dashboard\'s own bar charts in the initial chunks, as it would a chart library', () => {
    const bars = '/p/src/features/dashboard/DashboardBreakdown.vue'
    const eager = graph.map(c => c.fileName === 'assets/index.js' ? { ...c, modules: [...c.modules, bars] } : c)
    expect(checkBudgets(eager, 200_000).eagerLibraries).toEqual([{ what: 'charts', module: bars }])
    const lazy = [...graph, chunk('assets/page-dashboard.js', { modules: [bars] })]
    expect(checkBudgets(lazy, 200_000).failures).toEqual([])
  })

  it('finds the message compiler\'s tokenizer, parser or compiler in what the build kept of it, not its error codes', () => {
    const errorCodesOnly = 'var CompileErrorCodes = {\n\tEXPECTED_TOKEN: 1\n};\nfunction createCompileError(code, loc) {}'
    expect(compilerFunctionsIn(errorCodesOnly)).toEqual([])
    const whole = `${errorCodesOnly}\nfunction createTokenizer(source, options = {}) {}\nfunction createParser(options = {}) {}\nfunction baseCompile$1(source) {}\nfunction baseCompile(source, options = {}) {}`
    expect(compilerFunctionsIn(whole)).toEqual(['baseCompile', 'createParser', 'createTokenizer'])
    expect(checkBudgets(graph, 200_000, []).failures).toEqual([])
    const report = checkBudgets(graph, 200_000, compilerFunctionsIn(whole))
    expect(report.failures).toEqual(['vue-i18n\'s message compiler ships (baseCompile, createParser, createTokenizer): texts must be precompiled'])
  })
})
