import { describe, expect, it } from 'vitest'
import {
  agreementTextFor, agreementVersionFor, checkWrite, DEFAULT_APP_SETTINGS, defaultLoanEnd, nextAgreementVersion, settingsFrom, validateAppSettings,
} from '../../src/domain'
import { makeAppSettings } from '../factories/app-settings'

const coordinator = { name: 'carla', roles: ['coordinator'] }
const issuesOf = (doc: unknown) => {
  const result = validateAppSettings(doc)
  return result.ok ? [] : result.issues.map(i => `${i.path} ${i.code}`)
}

describe('the Digibank settings document', () => {
  it('accepts what the coordinator screen saves, with a period in months or until a date', () => {
    expect(issuesOf(makeAppSettings())).toEqual([])
    expect(issuesOf(makeAppSettings({ loanPeriod: { type: 'until', until: '2027-06-30' }, agreement: { version: 2, nl: 'Tekst', fr: 'Texte' } }))).toEqual([])
  })

  it('keeps the idle lock between 1 and 30 whole minutes', () => {
    expect(issuesOf(makeAppSettings({ idleMinutes: 0 }))).toEqual(['idleMinutes tooSmall'])
    expect(issuesOf(makeAppSettings({ idleMinutes: 31 }))).toEqual(['idleMinutes tooLarge'])
    expect(issuesOf(makeAppSettings({ idleMinutes: 2.5 }))).toEqual(['idleMinutes notWhole'])
  })

  it('refuses a loan period beyond the longest loan, a date that does not exist, and an agreement without Dutch', () => {
    expect(issuesOf(makeAppSettings({ loanPeriod: { type: 'months', months: 37 } }))).toEqual(['loanPeriod.months tooLarge'])
    expect(issuesOf(makeAppSettings({ loanPeriod: { type: 'until', until: '2027-02-30' } }))).toEqual(['loanPeriod.until invalidDate'])
    expect(issuesOf(makeAppSettings({ agreement: { version: 1, nl: '  ' } }))).toEqual(['agreement.nl required'])
    expect(issuesOf({ ...makeAppSettings(), _id: 'settings:arendonk' })).toEqual(['_id invalidId'])
  })

  it('is written by coordinators only, and the server checks it', () => {
    expect(checkWrite('dgb-config', makeAppSettings(), null, coordinator)).toBeNull()
    expect(checkWrite('dgb-config', makeAppSettings(), null, { name: 'lena', roles: ['lender', 'm:arendonk'] })).toBe('only coordinators may change configuration')
    expect(checkWrite('dgb-config', makeAppSettings({ idleMinutes: 0 }), null, coordinator)).toBe('invalid app-settings: idleMinutes: tooSmall (1)')
    // It belongs in the configuration database, nowhere else.
    expect(checkWrite('dgb-lending', makeAppSettings(), null, coordinator)).toBe('record kind not allowed in this database')
  })
})

describe('the settings in effect', () => {
  it('are the defaults while no coordinator saved any: 5 minutes, 12 months, the default text', () => {
    expect(settingsFrom(null)).toEqual({ idleMinutes: 5, loanPeriod: { type: 'months', months: 12 }, agreement: null })
    expect(settingsFrom(makeAppSettings({ idleMinutes: 10 })).idleMinutes).toBe(10)
    expect(DEFAULT_APP_SETTINGS.agreement).toBeNull()
  })

  it('give the handover its end date: months from today, or the fixed date while it can still be used', () => {
    expect(defaultLoanEnd({ type: 'months', months: 6 }, '2026-08-31')).toBe('2027-02-28')
    expect(defaultLoanEnd({ type: 'until', until: '2027-06-30' }, '2026-11-29')).toBe('2027-06-30')
    // A date that passed, or lies beyond three years, falls back to 12 months.
    expect(defaultLoanEnd({ type: 'until', until: '2026-11-29' }, '2026-11-29')).toBe('2027-11-29')
    expect(defaultLoanEnd({ type: 'until', until: '2030-01-01' }, '2026-11-29')).toBe('2027-11-29')
  })

  it('give the agreement text in the borrower\'s language, falling back to Dutch, with a traceable version', () => {
    const agreement = { version: 3, nl: 'Nederlands', fr: 'Français' }
    expect(agreementTextFor(agreement, 'fr')).toBe('Français')
    expect(agreementTextFor(agreement, 'en')).toBe('Nederlands')
    expect(agreementTextFor(null, 'nl')).toBeNull()
    expect(agreementVersionFor(agreement, 'fr')).toBe('instellingen-3-fr')
    expect(agreementVersionFor(null, 'nl')).toBe('standaard-nl-1')
  })

  it('count a new agreement version only when a text changed', () => {
    expect(nextAgreementVersion(null, { nl: 'a' })).toBe(1)
    expect(nextAgreementVersion({ version: 4, nl: 'a', en: 'b' }, { nl: 'a', en: 'b' })).toBe(4)
    expect(nextAgreementVersion({ version: 4, nl: 'a', en: 'b' }, { nl: 'a', en: 'c' })).toBe(5)
  })
})
