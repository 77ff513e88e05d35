import { describe, expect, it } from 'vitest'
import { checkWrite, DB, REFUSALS, refusalKey } from '../../src/domain'

describe('refusal reasons', () => {
  it('names each reason the write rules give by a key, so the app can say it in the user\'s language', () => {
    const reason = checkWrite(DB.residents, { _id: 'person:x', kind: 'help-session' }, null, { name: 'an', roles: ['volunteer', 'm:arendonk'] })
    expect(reason).toBe(REFUSALS.kindNotAllowed)
    expect(refusalKey(reason!)).toBe('kindNotAllowed')
    for (const [key, text] of Object.entries(REFUSALS))
      expect(refusalKey(text)).toBe(key)
  })

  it('groups schema refusals as invalid and keeps anything else as other', () => {
    expect(refusalKey('invalid person: postcode invalidPostcode')).toBe('invalid')
    expect(refusalKey('forbidden')).toBe('other')
  })
})
