import { describe, expect, it } from 'vitest'
import { OUTCOMES, QUESTION_CATEGORIES } from '../../../src/domain'
import { messages } from '../../../src/i18n/messages'

/** Every leaf of a message tree as a dotted key, with its text. */
function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string')
      out.set(prefix + key, value)
    else
      for (const [k, v] of leaves(value as object, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

const nl = leaves(messages.nl)

describe('the message files', () => {
  it.each(['fr', 'en'] as const)('%s has exactly the keys of nl', (locale) => {
    expect([...leaves(messages[locale]).keys()].sort()).toEqual([...nl.keys()].sort())
  })

  it.each(['fr', 'en'] as const)('%s has the same number of plural forms and the same placeholders', (locale) => {
    const other = leaves(messages[locale])
    const shape = (text: string) => ({ forms: text.split(' | ').length, names: [...new Set([...text.matchAll(/\{(\w+)\}/g)].map(m => m[1]))].sort() })
    for (const [key, text] of nl)
      expect(shape(other.get(key)!), key).toEqual(shape(text))
  })

  it('has no empty text', () => {
    for (const locale of ['nl', 'fr', 'en'] as const)
      for (const [key, text] of leaves(messages[locale])) expect(text.trim(), `${locale} ${key}`).not.toBe('')
  })

  it('names every question category and outcome of the domain', () => {
    for (const c of QUESTION_CATEGORIES) expect(nl.has(`category.${c}`), c).toBe(true)
    for (const o of OUTCOMES) expect(nl.has(`outcome.${o}`), o).toBe(true)
  })
})
