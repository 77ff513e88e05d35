import { describe, expect, it } from 'vitest'
import {
  buildHelpSession, helpSessionInput, HELP_SESSION_LIMITS, newId, reviseHelpSession, validateHelpSession,
  type HelpSessionInput,
} from '../../src/domain'
import { makeSessionInput } from '../factories/session-input'

const stamp = () => ({ id: newId('session'), staff: 'vrijwilliger1', now: '2026-11-29T09:30:00.000Z' })
const input = (over: Partial<HelpSessionInput> = {}): HelpSessionInput => makeSessionInput({ startedAt: undefined, ...over })
const resident = newId('person')

function built(over: Partial<HelpSessionInput> = {}) {
  const result = buildHelpSession(input(over), stamp())
  if (!result.ok)
    throw new Error(`fixture invalid: ${JSON.stringify(result.issues)}`)
  return result.value
}

function issuesOf(over: Partial<HelpSessionInput>) {
  const result = buildHelpSession(input(over), stamp())
  expect(result.ok).toBe(false)
  return result.ok ? [] : result.issues
}

describe('help session schema', () => {
  it('accepts a valid session for a resident and derives the municipality from the location', () => {
    const value = built({ personId: resident, categories: ['itsme', 'email'], note: '  hulp bij itsme-app  ' })
    expect(value).toMatchObject({
      kind: 'help-session', municipality: 'arendonk', personId: resident, categories: ['itsme', 'email'],
      helpMode: 'samen-gedaan', note: 'hulp bij itsme-app', startedAt: '2026-11-29T09:30:00.000Z', createdBy: 'vrijwilliger1',
    })
    expect('anonymous' in value).toBe(false)
  })

  it('marks a walk-in without a resident as anonymous and stores no person', () => {
    const value = built({ personId: null })
    expect(value.anonymous).toBe(true)
    expect('personId' in value).toBe(false)
  })

  it('accepts a location a coordinator added, as long as its id names the municipality', () => {
    expect(built({ location: 'loc-baarle-hertog-nieuwe-zaal' }).municipality).toBe('baarle-hertog')
    expect(issuesOf({ location: 'loc-nowhere' })).toContainEqual(expect.objectContaining({ path: 'location', code: 'notAllowed' }))
  })

  it('keeps a referral target only with the outcome "doorverwezen", and requires it there', () => {
    expect(built({ outcome: 'doorverwezen', referral: 'vdab' }).referral).toBe('vdab')
    expect('referral' in built({ outcome: 'opgelost', referral: 'vdab' })).toBe(false)
    expect(issuesOf({ outcome: 'doorverwezen' })).toContainEqual(expect.objectContaining({ path: 'referral', code: 'referralMismatch' }))
  })

  it('keeps a follow-up date on or after the day of the session', () => {
    expect(built({ followUp: '2026-12-03' }).followUp).toBe('2026-12-03')
    expect(issuesOf({ followUp: '2026-11-28' })).toContainEqual(expect.objectContaining({ path: 'followUp', code: 'followUpBeforeSession' }))
    expect(issuesOf({ followUp: '2026-02-30' })).toContainEqual(expect.objectContaining({ path: 'followUp', code: 'invalidDate' }))
  })

  it('leaves out an empty note', () => {
    expect('note' in built({ note: '   ' })).toBe(false)
  })

  it.each([
    [{ location: 'loc-nowhere' }, 'location', 'notAllowed'],
    [{ categories: [] }, 'categories', 'choose'],
    [{ categories: ['Cooking!'] }, 'categories.0', 'notAllowed'],
    [{ categories: ['itsme', 'itsme'] }, 'categories', 'duplicate'],
    [{ categories: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'categories', 'tooLong'],
    [{ helpMode: 'magie' }, 'helpMode', 'notAllowed'],
    [{ outcome: 'maybe' }, 'outcome', 'notAllowed'],
    [{ outcome: 'doorverwezen', referral: 'kapper' }, 'referral', 'notAllowed'],
    [{ personId: 'person:jan' }, 'personId', 'invalidId'],
    [{ durationMinutes: 0 }, 'durationMinutes', 'tooSmall'],
    [{ durationMinutes: HELP_SESSION_LIMITS.maxDuration + 1 }, 'durationMinutes', 'tooLarge'],
    [{ durationMinutes: 2.5 }, 'durationMinutes', 'notWhole'],
    [{ durationMinutes: Number.NaN }, 'durationMinutes', 'invalidType'],
    [{ note: 'x'.repeat(HELP_SESSION_LIMITS.maxNote + 1) }, 'note', 'tooLong'],
    [{ startedAt: '2026-13-45T99:00:00Z' }, 'startedAt', 'invalidTimestamp'],
  ] as const)('rejects %o with a precise issue', (over, path, code) => {
    const issues = issuesOf(over as unknown as Partial<HelpSessionInput>)
    expect(issues).toContainEqual(expect.objectContaining({ path, code }))
  })

  it('names the limit of a too long note', () => {
    const issues = issuesOf({ note: 'x'.repeat(HELP_SESSION_LIMITS.maxNote + 1) })
    expect(issues[0]?.limit).toBe(HELP_SESSION_LIMITS.maxNote)
  })

  it('rejects a document whose location lies in another municipality', () => {
    const result = validateHelpSession({ ...built(), municipality: 'ravels' })
    expect(result.ok ? [] : result.issues).toContainEqual(expect.objectContaining({ path: 'location', code: 'locationOutsideMunicipality' }))
  })

  it('rejects a document with both a resident and the anonymous flag, or with neither', () => {
    const both = validateHelpSession({ ...built({ personId: resident }), anonymous: true })
    expect(both.ok ? [] : both.issues).toContainEqual(expect.objectContaining({ path: 'personId', code: 'residentRequired' }))
    const { anonymous: _anonymous, ...neither } = built()
    const none = validateHelpSession(neither)
    expect(none.ok ? [] : none.issues).toContainEqual(expect.objectContaining({ path: 'personId', code: 'residentRequired' }))
  })

  it('rejects missing fields as required and a wrong kind or id', () => {
    const { categories: _categories, ...withoutCategories } = built()
    const missing = validateHelpSession(withoutCategories)
    expect(missing.ok ? [] : missing.issues).toContainEqual(expect.objectContaining({ path: 'categories', code: 'required' }))
    const wrongKind = validateHelpSession({ ...built(), kind: 'person' })
    expect(wrongKind.ok ? [] : wrongKind.issues).toContainEqual(expect.objectContaining({ path: 'kind', code: 'wrongKind' }))
    const wrongId = validateHelpSession({ ...built(), _id: 'session:../../etc' })
    expect(wrongId.ok ? [] : wrongId.issues).toContainEqual(expect.objectContaining({ path: '_id', code: 'invalidId' }))
  })

  it('keeps storage fields that PouchDB adds', () => {
    expect(validateHelpSession({ ...built(), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }).ok).toBe(true)
  })
})

describe('revising a help session', () => {
  it('keeps id, author, creation time, start and revision, and stamps the change', () => {
    const original = { ...built({ personId: resident }), _rev: '1-abc' }
    const edit = { ...helpSessionInput(original), outcome: 'doorverwezen', referral: 'ocmw', note: 'Aanvraag loopt via OCMW' }
    const result = reviseHelpSession(original, edit, '2026-11-29T11:00:00.000Z')
    expect(result.ok && result.value).toMatchObject({
      _id: original._id, _rev: '1-abc', createdBy: 'vrijwilliger1', createdAt: original.createdAt, startedAt: original.startedAt,
      updatedAt: '2026-11-29T11:00:00.000Z', outcome: 'doorverwezen', referral: 'ocmw', personId: resident,
    })
  })

  it('round-trips a stored session through the form input unchanged', () => {
    const original = built({ personId: resident, outcome: 'doorverwezen', referral: 'caw', followUp: '2026-12-01', note: 'x' })
    const again = reviseHelpSession(original, helpSessionInput(original), original.updatedAt)
    expect(again.ok && again.value).toEqual(original)
  })

  it('refuses an invalid change', () => {
    const result = reviseHelpSession(built(), { ...helpSessionInput(built()), categories: [] }, '2026-11-29T11:00:00.000Z')
    expect(result.ok).toBe(false)
  })
})
