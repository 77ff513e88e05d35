import { afterEach, describe, expect, it } from 'vitest'
import { formatCount, formatDate, formatNumber } from '../../../src/i18n/format'
import { intlTag } from '../../../src/i18n/locale'

const Real = Intl.NumberFormat
afterEach(() => {
  Intl.NumberFormat = Real
})

describe('counts in the user\'s language', () => {
  it('writes a count as each language does, one formatter per language reused', () => {
    expect(formatCount(1234567, intlTag('nl'))).toBe('1.234.567')
    expect(formatCount(1234, intlTag('fr'))).toBe('1\u202F234')
    expect(formatCount(0, intlTag('en'))).toBe('0')
    // Asked again in Dutch after French: the Dutch formatter, not the last one made.
    expect(formatCount(1234, intlTag('nl'))).toBe('1.234')
  })
})

describe('numbers and dates through one kept formatter per language and options', () => {
  it('makes each formatter once, and keeps languages and options apart', () => {
    let made = 0
    class Counting extends Real {
      constructor(...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        super(...args)
        made += 1
      }
    }
    Intl.NumberFormat = Counting as typeof Intl.NumberFormat
    const tag = intlTag('nl')
    expect(formatNumber(0.5, tag, { style: 'percent' })).toBe('50%')
    expect(formatNumber(0.25, tag, { style: 'percent' })).toBe('25%')
    expect(formatNumber(0.5, intlTag('fr'), { style: 'percent' })).toBe('50\u00A0%')
    expect(formatNumber(1234.5, tag, { maximumFractionDigits: 0 })).toBe('1.235')
    // Dutch percent once, French percent once, Dutch without decimals once.
    expect(made).toBe(3)
  })

  it('writes a moment with the options asked for, in each language', () => {
    const at = new Date('2026-11-30T14:05:00Z')
    const utc = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' } as const
    expect(formatDate(at, intlTag('nl'), utc)).toBe('30 nov 2026, 14:05')
    expect(formatDate(at, intlTag('en'), { dateStyle: 'medium', timeZone: 'UTC' })).toBe('30 Nov 2026')
    expect(formatDate(at, intlTag('nl'), utc)).toBe('30 nov 2026, 14:05')
  })
})
