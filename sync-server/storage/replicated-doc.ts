import type { DocInfo } from 'pouchdb-adapter-utils'
import type { RevNode, RevOpts } from 'pouchdb-merge'
import { isObject } from './attachments'
import type { Body } from './database'
import { splitRev } from './doc-row'

const UNDERSCORE = 0x5F

/**
 * PouchDB's `parseDoc(doc, false)` for the shapes a replicator pushes: `_id`, `_rev` and/or
 * `_revisions`, perhaps `_deleted`, and no other `_` member. PouchDB 9 sends a first revision (every
 * new help session) with `_rev` alone: it reads such documents with `allDocs`, which gives no
 * `_revisions`; later revisions come with `_revisions`. The result is the same as `parseDoc`'s
 * (`metadata` with the revision path, `data` with the other members in their order), but built by
 * one object-rest copy instead of `parseDoc`'s member-by-member copy, which cost about 4 µs a
 * document against 0.4. Any other shape (attachments, a design document, an unknown `_` member)
 * gets `undefined`, and then goes through `parseDoc` itself. `revisionProblem` has checked the
 * revision fields before.
 */
export function parseReplicated(doc: Body): DocInfo | undefined {
  const { _id, _rev, _revisions, _deleted, ...data } = doc
  if (typeof _id !== 'string' || _id.length === 0 || _id.charCodeAt(0) === UNDERSCORE)
    return undefined
  if (!isObject(_revisions) && (_revisions !== undefined || typeof _rev !== 'string'))
    return undefined
  for (const key in data) {
    if (key.charCodeAt(0) === UNDERSCORE)
      return undefined
  }
  // As `parseDoc` builds it: the leaf `available` (and `deleted`), its ancestors `missing`.
  const leaf: RevOpts = { status: 'available' }
  if (_deleted)
    leaf.deleted = true
  let metadata: DocInfo['metadata']
  if (isObject(_revisions)) {
    const start = _revisions.start as number
    const ids = _revisions.ids as string[]
    let path: RevNode = [ids[0]!, leaf, []]
    for (let i = 1; i < ids.length; i++)
      path = [ids[i]!, { status: 'missing' }, [path]]
    // `_rev`, when sent, names this leaf (`revisionProblem`).
    metadata = { id: _id, rev: `${start}-${ids[0]!}`, revisions: _revisions, rev_tree: [{ pos: start - ids.length + 1, ids: path }] }
  }
  else {
    // `_rev` alone: a path of one revision at its position. `revisionProblem` checked its form.
    const rev = _rev as string
    const { pos, hash } = splitRev(rev)
    metadata = { id: _id, rev, rev_tree: [{ pos, ids: [hash, leaf, []] }] }
  }
  if ('_deleted' in doc)
    metadata.deleted = _deleted as boolean
  // `_rev` stays out of the body, as `parseDoc` leaves it.
  return { metadata, data }
}
