import { describe, expect, it } from 'vitest'
import { formatCount } from '../../../src/i18n/format'
import { intlTag } from '../../../src/i18n/locale'

describe('counts in the user\'s language', () => {
  it('writes a count as each language does, one formatter per language reused', () => {
    expect(formatCount(1234567, intlTag('nl'))).toBe('1.234.567')
    expect(formatCount(1234, intlTag('fr'))).toBe('1\u202F234')
    expect(formatCount(0, intlTag('en'))).toBe('0')
    // Asked again in Dutch after French: the Dutch formatter, not the last one made.
    expect(formatCount(1234, intlTag('nl'))).toBe('1.234')
  })
})
