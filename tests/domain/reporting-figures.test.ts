import { describe, expect, it } from 'vitest'
import { cellText, contactsOf, dashboardFigures, funderReport } from '../../src/domain'
import { makeClassFact, makeFacts, makeLoanFact, makeSessionFact, makeVisitFact } from '../factories/facts'

const march = { from: '2026-03-01', to: '2026-03-31' }
const keys = { municipalities: ['arendonk', 'ravels', 'merksplas'], categories: ['itsme', 'belastingen'], outcomes: ['opgelost', 'deels'], helpModes: ['uitgelegd', 'samen-gedaan'], statuses: ['ready', 'on-loan'] }

describe('contacts from facts', () => {
  it('counts attended marks, running loans and visits, but not absent marks or cancelled classes', () => {
    const facts = makeFacts({
      sessions: [makeSessionFact({ personId: 'person:a' }), makeSessionFact()],
      classes: [makeClassFact({ marks: [{ personId: 'person:b', status: 'te-laat' }, { personId: 'person:c', status: 'afwezig' }] }), makeClassFact({ cancelled: true, marks: [{ personId: 'person:d', status: 'aanwezig' }] })],
      loans: [makeLoanFact({ personId: 'person:e' }), makeLoanFact({ personId: 'person:f', returnedOn: '2026-02-20' })],
      visits: [makeVisitFact({ personId: 'person:g' })],
    })
    expect(contactsOf(facts, march).map(c => `${c.personId}:${c.service}`).sort()).toEqual(['person:a:desk', 'person:b:class', 'person:e:loan', 'person:g:visit'])
  })
})

describe('dashboard figures', () => {
  it('adds up sessions, loans, devices and classes for the period', () => {
    const facts = makeFacts({
      sessions: [makeSessionFact({ personId: 'person:a', categories: ['itsme', 'belastingen'] }), makeSessionFact({ outcome: 'deels', helpMode: 'uitgelegd' }), makeSessionFact({ day: '2026-04-01' })],
      loans: [makeLoanFact({ personId: 'person:e', endDate: '2026-03-10' }), makeLoanFact({ personId: 'person:f', returnedOn: '2026-03-15' })],
      classes: [makeClassFact({ marks: [{ personId: 'person:b', status: 'aanwezig' }, { personId: 'person:c', status: 'afwezig' }] })],
      devices: [{ status: 'ready', refurbishedOn: ['2026-03-03', '2026-01-02'] }, { status: 'on-loan', refurbishedOn: [] }],
    })
    const f = dashboardFigures(facts, march, keys, '2026-06-01')
    expect(f.residents.reached).toBe(4)
    expect(Object.fromEntries(f.residentsByMunicipality)).toEqual({ arendonk: 1, ravels: 2, merksplas: 1 })
    expect(f.sessions.total).toBe(2)
    expect(f.sessions.anonymous).toBe(1)
    expect(Object.fromEntries(f.sessions.byCategory)).toEqual({ itsme: 2, belastingen: 1 })
    expect(Object.fromEntries(f.sessions.byOutcome)).toEqual({ opgelost: 1, deels: 1 })
    expect(f.loans).toEqual({ active: 1, overdue: 1, returned: 1 })
    expect(Object.fromEntries(f.devices.byStatus)).toEqual({ 'ready': 1, 'on-loan': 1 })
    expect(f.devices.refurbished).toBe(1)
    expect(f.classes).toEqual({ courses: 1, sessions: 1, attendanceRate: 0.5, trainingHours: 2 })
  })
})

describe('the funder report', () => {
  it('publishes counts with small cells hidden and no ids', () => {
    const sessions = [
      ...Array.from({ length: 7 }, (_, i) => makeSessionFact({ personId: `person:a${i}` })),
      ...Array.from({ length: 2 }, (_, i) => makeSessionFact({ personId: `person:r${i}`, municipality: 'ravels', categories: ['belastingen'] })),
      makeSessionFact(),
    ]
    const report = funderReport(makeFacts({ sessions }), march, keys)
    expect(report.residents).toEqual({ value: 9 })
    expect(report.anonymousSessions).toEqual({ suppressed: true })
    expect(Object.fromEntries([...report.sections.residentsByMunicipality].map(([k, c]) => [k, cellText(c)]))).toEqual({ arendonk: '<5', ravels: '<5', merksplas: '0' })
    // One small cell would be given away by the total, so the next smallest is hidden too.
    expect(Object.fromEntries([...report.sections.sessionsByCategory].map(([k, c]) => [k, cellText(c)]))).toEqual({ itsme: '<5', belastingen: '<5' })
    expect(JSON.stringify([...Object.values(report.sections)].map(m => [...m]))).not.toContain('person:')
    expect(report.tier).toBeNull()
  })
})
