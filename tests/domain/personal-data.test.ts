import { describe, expect, it } from 'vitest'
import { findPersonalData, isValidIban, isValidNationalNumber, personalDataKinds } from '../../src/domain/personal-data'

// Test numbers below are made up with valid checksums; none belongs to a person.
describe('personal data in free text', () => {
  it('validates national register numbers with the checksum, before and after 2000', () => {
    expect(isValidNationalNumber('85073003328')).toBe(true)
    expect(isValidNationalNumber('85073003329')).toBe(false)
    expect(isValidNationalNumber('01010100131')).toBe(false)
    // born in 2001: 2 prefixed before the modulo
    const base = '010101001'
    const check = String(97 - ((2_000_000_000 + Number(base)) % 97)).padStart(2, '0')
    expect(isValidNationalNumber(base + check)).toBe(true)
  })

  it('finds a national register number written with dots and a dash', () => {
    expect(personalDataKinds('rijksregister 85.07.30-033.28 meegebracht')).toEqual(['nationalNumber'])
  })

  it('finds a Belgian IBAN with or without spaces and checks mod 97', () => {
    expect(isValidIban('BE68 5390 0754 7034')).toBe(true)
    expect(isValidIban('BE68 5390 0754 7035')).toBe(false)
    expect(personalDataKinds('rekening BE68539007547034 ingevuld')).toEqual(['iban'])
    expect(personalDataKinds('rekening BE68 5390 0754 7034 ingevuld')).toEqual(['iban'])
    expect(personalDataKinds('rekening be68 5390 0754 7034 KBC')).toEqual(['iban'])
  })

  it('finds mobile and landline phone numbers in common Belgian forms', () => {
    for (const phone of ['0470 12 34 56', '0470/12.34.56', '+32 470 12 34 56', '014 12 34 56', '0032470123456'])
      expect(personalDataKinds(`bel haar op ${phone} morgen`), phone).toEqual(['phone'])
  })

  it('stays quiet for ordinary numbers such as a meter reading, a year or an amount', () => {
    for (const text of ['meterstand 004512 kWh', 'aanslagjaar 2026', 'bedrag 1234,56 euro', 'code 123456', 'afspraak om 14:30 op 12/03/2026'])
      expect(findPersonalData(text), text).toEqual([])
  })

  it('reports where each hit is, in order', () => {
    const text = 'tel 0470 12 34 56 en BE68 5390 0754 7034'
    const hits = findPersonalData(text)
    expect(hits.map(h => h.kind)).toEqual(['phone', 'iban'])
    expect(text.slice(hits[0]!.start, hits[0]!.end)).toBe('0470 12 34 56')
  })
})
