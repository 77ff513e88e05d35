import { parseDoc, type DocInfo } from 'pouchdb-adapter-utils'
import { describe, expect, it } from 'vitest'
import type { Body } from '../../sync-server/storage/database'
import { parseReplicated } from '../../sync-server/storage/replicated-doc'
import { makeHelpSession } from '../factories/help-session'

/** Everything of a parsed document that is stored or decides a write, with the body's member order. */
function shape(info: DocInfo) {
  return {
    data: JSON.stringify(info.data),
    tree: JSON.stringify(info.metadata.rev_tree),
    rev: info.metadata.rev,
    id: info.metadata.id,
    deleted: 'deleted' in info.metadata ? info.metadata.deleted : 'absent',
    revisions: JSON.stringify(info.metadata.revisions),
  }
}

// PouchDB 9 pushes a first revision with `_rev` alone (it reads it with `allDocs`), a later one with `_revisions`.
const session = { ...makeHelpSession(), _rev: '1-aaa' }
const edited = { ...makeHelpSession(), _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] } }

describe('parseReplicated (parseDoc without its member-by-member copy)', () => {
  it.each<[string, Body]>([
    ['a new help session as PouchDB pushes it (`_rev` alone)', session],
    ['an edited help session as PouchDB pushes it (with `_revisions`)', edited],
    ['a tombstone sent with `_rev` alone', { _id: 'session:y', _rev: '2-bbb', _deleted: true }],
    ['a long revision number and hash', { _id: 'doc-l', _rev: `123456789-${'f'.repeat(128)}`, n: 1 }],
    ['a tombstone', { _id: 'session:x', _rev: '3-ccc', _deleted: true, _revisions: { start: 3, ids: ['ccc', 'bbb', 'aaa'] } }],
    ['a document saying _deleted: false', { _id: 'doc-f', _deleted: false, n: 1, _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] } }],
    ['a stemmed history (start beyond the ids)', { _id: 'doc-s', _rev: '9-iii', _revisions: { start: 9, ids: ['iii', 'hhh'] }, v: 'x' }],
    ['members in any order, numeric-looking keys and nested values', { z: 1, _revisions: { start: 1, ids: ['abc'] }, 10: 'ten', _id: 'doc-o', a: { b: [1, { c: 'é' }] }, 2: null, _rev: '1-abc' }],
    ['no _rev beside _revisions', { _id: 'doc-r', n: 2, _revisions: { start: 4, ids: ['ddd', 'ccc'] } }],
  ])('gives what parseDoc gives for %s, and leaves the document as sent', (_name, doc) => {
    const sent = JSON.stringify(doc)
    const fast = parseReplicated(doc)
    const pouch = parseDoc({ ...doc }, false)
    expect(fast).toBeDefined()
    expect('error' in pouch).toBe(false)
    expect(shape(fast!)).toEqual(shape(pouch as DocInfo))
    expect(JSON.stringify(doc)).toBe(sent)
  })

  it.each<[string, Body]>([
    ['attachments', { ...edited, _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } }],
    ['a design document', { _id: '_design/x', _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] } }],
    ['conflicts listed', { ...session, _conflicts: ['1-bbb'] }],
    ['an unknown _ member', { ...session, _secret: 1 }],
    ['neither _rev nor _revisions', { _id: 'doc-n', n: 1 }],
    ['_revisions that are not an object', { _id: 'doc-n', _rev: '1-aaa', _revisions: 'aaa' }],
    ['no id', { _rev: '1-aaa', _revisions: { start: 1, ids: ['aaa'] } }],
    ['no id beside a lone _rev', { _rev: '1-aaa' }],
  ])('leaves a document with %s to parseDoc', (_name, doc) => {
    expect(parseReplicated(doc)).toBeUndefined()
  })
})
