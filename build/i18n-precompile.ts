import { baseCompile } from '@intlify/message-compiler'
import { runnerImport, type Plugin } from 'vite'

/** One language's module of texts: `src/i18n/messages/<locale>.ts`. */
const LOCALE_MODULE = /[\\/]src[\\/]i18n[\\/]messages[\\/](nl|fr|en)\.ts$/

type Tree = { [key: string]: string | Tree }

/** Every text of a tree compiled to the message syntax tree vue-i18n runs without its compiler. */
export function compileTree(tree: Tree, path = ''): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).map(([key, value]) => {
    if (typeof value !== 'string')
      return [key, compileTree(value, `${path}${key}.`)]
    const { ast } = baseCompile(value, {
      jit: true,
      minify: true,
      location: false,
      onError: (error) => { throw new Error(`message ${path}${key}: ${error.message}`) },
    })
    return [key, ast]
  }))
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
      return `export default ${JSON.stringify(compileTree(module.default))}`
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
