import { describe, expect, it } from 'vitest'
import { nestingDepth } from '../../sync-server/http/body'

/** Byte by byte, as the depth check was first written: the reference the faster one must match. */
function reference(raw: Buffer): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (inString) {
      if (c === 0x5C)
        i++
      else if (c === 0x22)
        inString = false
    }
    else if (c === 0x22) {
      inString = true
    }
    else if (c === 0x7B || c === 0x5B) {
      depth++
      max = Math.max(max, depth)
    }
    else if (c === 0x7D || c === 0x5D) {
      depth--
    }
  }
  return max
}

describe('nestingDepth (jumps over strings)', () => {
  it.each([
    ['{"a":[1,{"b":2}]}', 3],
    ['{"a":"[[[[{{{{"}', 1],
    ['{"a":"quote \\" [[[ still text","b":[[1]]}', 3],
    ['{"a":"ends with a backslash \\\\","b":[[[1]]]}', 4],
    ['{"a":"\\\\\\"[[[","b":[]}', 2],
    ['["unterminated [[[', 1],
    ['"just a string"', 0],
    ['', 0],
  ])('counts %s as %i', (json, depth) => {
    const raw = Buffer.from(json)
    expect(nestingDepth(raw)).toBe(depth)
    expect(nestingDepth(raw)).toBe(reference(raw))
  })

  it('agrees with the byte-by-byte count on generated JSON full of escapes and brackets', () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = ['"', '\\', '[', ']', '{', '}', 'a', ':', ',', ' ', 'é']
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => pieces[Math.floor(next() * pieces.length)]).join('')
      const raw = Buffer.from(text)
      expect(nestingDepth(raw), text).toBe(reference(raw))
    }
  })
})
