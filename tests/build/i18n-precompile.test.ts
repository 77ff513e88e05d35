import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { compiledModule } from '../../build/i18n-precompile'
import { messages } from '../../src/i18n/messages'

type Tree = { [key: string]: string | Tree }

/** Every leaf of a message tree as a dotted key, with its text. */
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => typeof value === 'string' ? [[prefix + key, value] as [string, string]] : leaves(value, `${prefix}${key}.`))
}

/** Runs the module the build would ship and returns its default export. */
function load(code: string): Tree {
  return new Function(code.replace('export default ', 'return '))() as Tree
}

const i18nOf = (locale: string, tree: Tree) => createI18n({ legacy: false, locale, messages: { [locale]: tree } }).global

describe('texts precompiled at build time', () => {
  it.each(['nl', 'fr', 'en'] as const)('%s reads exactly like the plain texts, with placeholders and plurals', (locale) => {
    const plain = messages[locale] as unknown as Tree
    const source = i18nOf(locale, plain)
    const built = i18nOf(locale, load(compiledModule(plain)))
    for (const [key, text] of leaves(plain)) {
      const params = Object.fromEntries([...text.matchAll(/\{(\w+)\}/g)].map(m => [m[1]!, `‹${m[1]}›`]))
      for (const n of text.includes(' | ') ? [0, 1, 3] : [undefined]) {
        const named = n === undefined ? params : { count: n, n, ...params }
        const expected = n === undefined ? source.t(key, named) : source.t(key, named, n)
        expect(n === undefined ? built.t(key, named) : built.t(key, named, n), `${locale} ${key}`).toBe(expected)
      }
    }
  })

  it('writes plain texts through the short form and keeps placeholders as syntax trees', () => {
    const code = compiledModule({ a: 'Opslaan', b: 'Aangemeld als {name}', c: 'geen | één | {n} stuks' })
    expect(code).toContain('"a":s("Opslaan")')
    expect(code).not.toContain('s("Aangemeld als {name}")')
    const built = i18nOf('nl', load(code))
    expect(built.t('b', { name: 'Vera' })).toBe('Aangemeld als Vera')
    expect(built.t('c', 3)).toBe('3 stuks')
  })

  it('refuses a text vue-i18n cannot read, naming its key', () => {
    expect(() => compiledModule({ form: { broken: 'Welkom {name' } })).toThrow(/form\.broken/)
  })
})
