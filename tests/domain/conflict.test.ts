import { describe, expect, it } from 'vitest'
import { fieldDifferences, mergeRevisions, needsCoordinator } from '../../src/domain'
import { makeHelpSession } from '../factories/help-session'

const base = makeHelpSession({ id: 'session:01JAAAAAAAAAAAAAAAAAAAAAAA', staff: 'vera' })
const mine = { ...base, _rev: '2-a', outcome: 'deels', durationMinutes: 30, updatedAt: '2026-03-02T10:00:00.000Z' }
const theirs = { ...base, _rev: '2-b', note: 'Formulier samen ingevuld', durationMinutes: 45, updatedAt: '2026-03-02T11:00:00.000Z' }

describe('conflicting revisions side by side', () => {
  it('lists only fields that differ, with each revision\'s value, ignoring storage keys and updatedAt', () => {
    expect(fieldDifferences([mine, theirs])).toEqual([
      { field: 'durationMinutes', values: [30, 45] },
      { field: 'note', values: [undefined, 'Formulier samen ingevuld'] },
      { field: 'outcome', values: ['deels', 'opgelost'] },
    ])
  })

  it('compares arrays and objects by value', () => {
    expect(fieldDifferences([{ categories: ['a', 'b'] }, { categories: ['a', 'b'] }])).toEqual([])
    expect(fieldDifferences([{ categories: ['a'] }, { categories: ['a', 'b'] }])).toHaveLength(1)
  })

  it('merges field by field from the chosen revisions onto the base, stamping the time', () => {
    const merged = mergeRevisions([mine, theirs], { note: 1, durationMinutes: 1 }, 0, '2026-03-03T08:00:00.000Z')
    expect(merged).toMatchObject({ _id: base._id, outcome: 'deels', durationMinutes: 45, note: 'Formulier samen ingevuld', updatedAt: '2026-03-03T08:00:00.000Z', createdBy: 'vera' })
    expect(merged).not.toHaveProperty('_rev')
  })

  it('drops a field when the chosen revision does not have it', () => {
    const merged = mergeRevisions([mine, theirs], {}, 1, '2026-03-03T08:00:00.000Z')
    expect(merged.note).toBe('Formulier samen ingevuld')
    expect(mergeRevisions([mine, theirs], { note: 0 }, 1, '2026-03-03T08:00:00.000Z')).not.toHaveProperty('note')
  })

  it('refuses a revision that does not exist', () => {
    expect(() => mergeRevisions([mine], {}, 3, 'x')).toThrow(RangeError)
    expect(() => mergeRevisions([mine, theirs], { note: 5 }, 0, 'x')).toThrow(RangeError)
  })

  it('sends only kinds without a domain rule to the coordinator', () => {
    expect(needsCoordinator('help-session')).toBe(true)
    expect(needsCoordinator('person')).toBe(true)
    expect(needsCoordinator('attendance')).toBe(false)
    expect(needsCoordinator('enrolment')).toBe(false)
  })
})
