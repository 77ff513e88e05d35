import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkPin, PIN_HASH_ITERATIONS, PIN_MAX_ATTEMPTS, pinAttemptsLeft } from '../../src/domain'

describe('the PIN rule', () => {
  it('accepts 4 to 8 digits that are not an easy guess', () => {
    for (const pin of ['2580', '1357', '90210', '31415926', '1243'])
      expect(checkPin(pin), pin).toBeNull()
  })

  it('refuses anything but 4 to 8 digits', () => {
    for (const pin of ['', '123', '975', '123456789', '12a4', ' 2580', '2580 ', '25.80', '１２３９'])
      expect(checkPin(pin), pin).toBe('format')
  })

  it('refuses a PIN of one repeated digit', () => {
    for (const pin of ['0000', '1111', '77777777'])
      expect(checkPin(pin)).toBe('allSame')
  })

  it('refuses runs up and down, also when they wrap around', () => {
    for (const pin of ['1234', '4321', '0123', '3210', '56789', '98765', '12345678', '8901', '2109'])
      expect(checkPin(pin), pin).toBe('sequence')
  })

  it('accepts every other digit string of a valid length that is not a run or a repeat', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{4,8}$/), (pin) => {
      const digits = [...pin].map(Number)
      const step = (digits[1]! - digits[0]! + 10) % 10
      const run = (step === 1 || step === 9) && digits.every((d, i) => i === 0 || (d - digits[i - 1]! + 10) % 10 === step)
      const same = digits.every(d => d === digits[0])
      expect(checkPin(pin)).toBe(same ? 'allSame' : run ? 'sequence' : null)
    }))
  })

  it('counts down the tries and keeps a slow hash', () => {
    expect(PIN_MAX_ATTEMPTS).toBe(5)
    expect(pinAttemptsLeft(0)).toBe(5)
    expect(pinAttemptsLeft(4)).toBe(1)
    expect(pinAttemptsLeft(7)).toBe(0)
    expect(PIN_HASH_ITERATIONS).toBeGreaterThanOrEqual(600_000)
  })
})
