import { describe, expect, it } from 'vitest'
import { buildHelpSession, HELP_SESSION_LIMITS, newId, validateHelpSession, type HelpSessionInput } from '../../src/domain'

const stamp = () => ({ id: newId('session'), staff: 'vrijwilliger1', now: '2026-11-29T09:30:00.000Z' })
const input = (over: Partial<HelpSessionInput> = {}): HelpSessionInput => ({
  location: 'loc-arendonk-bib',
  category: 'itsme',
  outcome: 'opgelost',
  durationMinutes: 15,
  ...over,
})

function issuesOf(over: Partial<HelpSessionInput>) {
  const result = buildHelpSession(input(over), stamp())
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.issues
}

describe('help session schema', () => {
  it('accepts a valid session and derives the municipality from the location', () => {
    const result = buildHelpSession(input({ note: '  hulp bij itsme-app  ' }), stamp())
    expect(result.ok).toBe(true)
    if (!result.ok)
      return
    expect(result.value.municipality).toBe('arendonk')
    expect(result.value.kind).toBe('help-session')
    expect(result.value.note).toBe('hulp bij itsme-app')
    expect(result.value.startedAt).toBe('2026-11-29T09:30:00.000Z')
    expect(result.value.createdBy).toBe('vrijwilliger1')
  })

  it('leaves out an empty note', () => {
    const result = buildHelpSession(input({ note: '   ' }), stamp())
    expect(result.ok && 'note' in result.value).toBe(false)
  })

  it.each([
    [{ location: 'loc-nowhere' }, 'location', 'notAllowed'],
    [{ category: 'cooking' }, 'category', 'notAllowed'],
    [{ outcome: 'maybe' }, 'outcome', 'notAllowed'],
    [{ durationMinutes: 0 }, 'durationMinutes', 'tooSmall'],
    [{ durationMinutes: HELP_SESSION_LIMITS.maxDuration + 1 }, 'durationMinutes', 'tooLarge'],
    [{ durationMinutes: 2.5 }, 'durationMinutes', 'notWhole'],
    [{ durationMinutes: Number.NaN }, 'durationMinutes', 'invalidType'],
    [{ note: 'x'.repeat(HELP_SESSION_LIMITS.maxNote + 1) }, 'note', 'tooLong'],
    [{ startedAt: '2026-13-45T99:00:00Z' }, 'startedAt', 'invalidTimestamp'],
  ] as const)('rejects %o with a precise issue', (over, path, code) => {
    const issues = issuesOf(over as Partial<HelpSessionInput>)
    expect(issues).toContainEqual(expect.objectContaining({ path, code }))
  })

  it('names the limit of a too long note', () => {
    const issues = issuesOf({ note: 'x'.repeat(HELP_SESSION_LIMITS.maxNote + 1) })
    expect(issues[0]?.limit).toBe(HELP_SESSION_LIMITS.maxNote)
  })

  it('rejects a document whose location lies in another municipality', () => {
    const built = buildHelpSession(input(), stamp())
    if (!built.ok)
      throw new Error('fixture invalid')
    const result = validateHelpSession({ ...built.value, municipality: 'ravels' })
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.issues).toContainEqual(expect.objectContaining({ path: 'location', code: 'locationOutsideMunicipality' }))
  })

  it('rejects missing fields as required and a wrong kind or id', () => {
    const built = buildHelpSession(input(), stamp())
    if (!built.ok)
      throw new Error('fixture invalid')
    const { category: _category, ...withoutCategory } = built.value
    const missing = validateHelpSession(withoutCategory)
    expect(missing.ok ? [] : missing.issues).toContainEqual(expect.objectContaining({ path: 'category', code: 'required' }))
    const wrongKind = validateHelpSession({ ...built.value, kind: 'person' })
    expect(wrongKind.ok ? [] : wrongKind.issues).toContainEqual(expect.objectContaining({ path: 'kind', code: 'wrongKind' }))
    const wrongId = validateHelpSession({ ...built.value, _id: 'session:../../etc' })
    expect(wrongId.ok ? [] : wrongId.issues).toContainEqual(expect.objectContaining({ path: '_id', code: 'invalidId' }))
  })

  it('keeps storage fields that PouchDB adds', () => {
    const built = buildHelpSession(input(), stamp())
    if (!built.ok)
      throw new Error('fixture invalid')
    const result = validateHelpSession({ ...built.value, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } })
    expect(result.ok).toBe(true)
  })
})
