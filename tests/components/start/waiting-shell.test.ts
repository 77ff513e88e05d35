import { describe, expect, it } from 'vitest'
import { waitingShell } from '../../../src/early-form/waiting-shell'

const ORIGIN = 'https://digibalie.example'
const shell = (revision: string) => `${ORIGIN}/index.html?__WB_REVISION__=${revision}`
const asset = (name: string) => `${ORIGIN}/assets/${name}`

describe('the waiting version\'s shell among the precached files', () => {
  it('is the shell that is not this version\'s own', () => {
    const cached = [
      { url: asset('index-aaaa.js'), date: null },
      { url: shell('own'), date: 'Sun, 29 Nov 2026 10:00:00 GMT' },
      { url: asset('index-bbbb.js'), date: null },
      { url: shell('next'), date: 'Mon, 30 Nov 2026 09:00:00 GMT' },
    ]
    expect(waitingShell(cached, shell('own'))).toBe(shell('next'))
  })

  it('is none when only this version\'s shell is cached', () => {
    expect(waitingShell([{ url: shell('own'), date: 'Mon, 30 Nov 2026 09:00:00 GMT' }, { url: asset('index-aaaa.js'), date: null }], shell('own'))).toBeUndefined()
    expect(waitingShell([], shell('own'))).toBeUndefined()
  })

  it('is the one cached last when a newer version passed over one that never took over', () => {
    const cached = [
      { url: shell('own'), date: 'Sun, 29 Nov 2026 10:00:00 GMT' },
      { url: shell('newest'), date: 'Mon, 30 Nov 2026 11:30:00 GMT' },
      { url: shell('passed-over'), date: 'Mon, 30 Nov 2026 09:00:00 GMT' },
    ]
    expect(waitingShell(cached, shell('own'))).toBe(shell('newest'))
  })

  it('takes the one listed later when dates are missing or equal', () => {
    expect(waitingShell([{ url: shell('a'), date: null }, { url: shell('b'), date: null }], shell('own'))).toBe(shell('b'))
    expect(waitingShell([{ url: shell('a'), date: 'garbage' }, { url: shell('b'), date: 'Mon, 30 Nov 2026 09:00:00 GMT' }, { url: shell('c'), date: null }], shell('own'))).toBe(shell('b'))
  })

  it('looks at the shell\'s own address only, not at pages or files with it in their name', () => {
    const cached = [
      { url: `${ORIGIN}/assets/index.html.js`, date: 'Mon, 30 Nov 2026 12:00:00 GMT' },
      { url: `${ORIGIN}/hulp/index.html?__WB_REVISION__=x`, date: 'Mon, 30 Nov 2026 12:00:00 GMT' },
    ]
    expect(waitingShell(cached, shell('own'))).toBeUndefined()
  })
})
