import { baseCompile } from '@intlify/message-compiler'
import { runnerImport, type Plugin } from 'vite'

/** One language's module of texts: `src/i18n/messages/<locale>.ts`. */
const LOCALE_MODULE = /[\\/]src[\\/]i18n[\\/]messages[\\/](nl|fr|en)\.ts$/

type Tree = { [key: string]: string | Tree }

type Ast = { b?: { s?: unknown } }

function compileMessage(text: string, key: string): Ast {
  const { ast } = baseCompile(text, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => { throw new Error(`message ${key}: ${error.message}`) },
  })
  return ast as Ast
}

/**
 * A tree of texts as a module whose texts are compiled message syntax trees, the form vue-i18n
 * runs without its compiler. Most texts are plain (no placeholder, no plural): those are written
 * through one small function, `s("…")`, for the same tree in fewer bytes.
 */
export function compiledModule(tree: Tree): string {
  const write = (node: Tree, path: string): string => `{${Object.entries(node).map(([key, value]) => {
    const name = JSON.stringify(key)
    if (typeof value !== 'string')
      return `${name}:${write(value, `${path}${key}.`)}`
    const ast = compileMessage(value, `${path}${key}`)
    return typeof ast.b?.s === 'string' ? `${name}:s(${JSON.stringify(ast.b.s)})` : `${name}:${JSON.stringify(ast)}`
  }).join(',')}}`
  return `const s=t=>({t:0,b:{t:2,s:t}});export default ${write(tree, '')}`
}

/*
 * The production build ships texts already compiled, so vue-i18n leaves its message compiler out
 * of the app (about 7 kB gzip) and no text is parsed on the tablet. Each language's module is run
 * here at build time and replaced by its compiled texts: the chunk of one language holds only
 * that language, not the three of every feature file. Dev and tests keep the plain texts.
 */
export function precompiledMessages(): Plugin {
  return {
    name: 'digibalie-i18n-precompile',
    apply: 'build',
    async load(id) {
      if (!LOCALE_MODULE.test(id))
        return null
      const { module } = await runnerImport<{ default: Tree }>(id, { configFile: false, logLevel: 'warn' })
      return compiledModule(module.default)
    },
  }
}

/** What the production build defines for vue-i18n: texts arrive compiled, Composition API only. */
export const I18N_BUILD_FLAGS = {
  __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
}
