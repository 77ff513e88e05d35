import { describe, expect, it } from 'vitest'
import { checkWrite, helpSessionInput, markFollowUpDone, reviseHelpSession, validateHelpSession } from '../../src/domain'
import { makeHelpSession } from '../factories/help-session'

const NOW = '2025-03-20T10:00:00.000Z'

describe('a follow-up marked done', () => {
  it('is a new revision that keeps the planned day and adds the day it was done', () => {
    const session = makeHelpSession({ followUp: '2025-03-17' })
    const done = markFollowUpDone({ ...session, _rev: '1-a' }, '2025-03-18', NOW)
    expect(done.ok && done.value).toMatchObject({ _id: session._id, _rev: '1-a', followUp: '2025-03-17', followUpDone: '2025-03-18', updatedAt: NOW, createdBy: session.createdBy, createdAt: session.createdAt })
  })

  it('keeps the first day when marked twice, and is refused without a follow-up', () => {
    const session = makeHelpSession({ followUp: '2025-03-17' })
    const once = markFollowUpDone(session, '2025-03-18', NOW)
    const twice = once.ok ? markFollowUpDone(once.value, '2025-03-19', NOW) : once
    expect(twice.ok && twice.value.followUpDone).toBe('2025-03-18')
    expect(markFollowUpDone(makeHelpSession(), '2025-03-18', NOW)).toEqual({ ok: false, issues: [{ path: 'followUpDone', code: 'followUpDoneWithout' }] })
  })

  it('is refused by the schema (and so by the server) without a follow-up or before the session', () => {
    const session = makeHelpSession({ followUp: '2025-03-17' })
    const { followUp: _f, ...without } = session
    expect(validateHelpSession({ ...without, followUpDone: '2025-03-18' }).ok).toBe(false)
    expect(validateHelpSession({ ...session, followUpDone: '2000-01-01' }).ok).toBe(false)
    const ctx = { name: 'vera', roles: ['volunteer', 'm:arendonk'] }
    expect(checkWrite('dgb-m-arendonk', { ...without, followUpDone: '2025-03-18' }, session, ctx)).toMatch(/followUpDone/)
    const done = markFollowUpDone(session, '2025-03-18', NOW)
    expect(done.ok && checkWrite('dgb-m-arendonk', done.value, session, ctx)).toBeNull()
    expect(done.ok && checkWrite('dgb-m-arendonk', done.value, session, { name: 'wim', roles: ['volunteer', 'm:arendonk'] })).toMatch(/author/)
  })

  it('stays done through an edit of the session, unless the edit plans the follow-up for another day', () => {
    const done = markFollowUpDone(makeHelpSession({ followUp: '2025-03-17' }), '2025-03-18', NOW)
    if (!done.ok)
      throw new Error('not marked')
    const edited = reviseHelpSession(done.value, { ...helpSessionInput(done.value), note: 'Opnieuw gebeld' }, NOW)
    expect(edited.ok && edited.value.followUpDone).toBe('2025-03-18')
    const moved = reviseHelpSession(done.value, { ...helpSessionInput(done.value), followUp: '2025-03-25' }, NOW)
    expect(moved.ok && moved.value.followUpDone).toBeUndefined()
  })
})
