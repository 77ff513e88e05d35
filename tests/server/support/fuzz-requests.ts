import { makeHelpSession } from '../../factories/help-session'

/**
 * Malformed requests for the sync-server, generated from a seed: the same seed gives the same
 * 10,000 requests on every run, so a failure can be replayed. Every request is one the server must
 * refuse. `bulk` marks requests whose envelope is fine but whose every item is bad: CouchDB answers
 * those with a 2xx listing one error per item (`_bulk_docs`) or an error per result (`_bulk_get`).
 */
export interface FuzzRequest {
  kind: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Buffer
  bulk?: 'docs' | 'get' | 'noop'
}

export interface FuzzWorld {
  db: string
  /** Cookies of a volunteer of `db` and of the server admin. */
  vera: string
  admin: string
  /** Documents and revisions that exist (for colliding and stale revisions). */
  docs: { id: string, rev: string }[]
  checkpoint: string
  maxBody: number
}

/** mulberry32: small, fast, and good enough to spread requests over the cases. */
export function seeded(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  const str = (len: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_:/.%$') => Array.from({ length: len }, () => alphabet[int(alphabet.length)]).join('')
  return { next, int, pick, str }
}
type Rng = ReturnType<typeof seeded>

const JSON_TYPE = { 'Content-Type': 'application/json' }
const WRONG: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', '\u0000', '../..', [], [1, 'a'], {}, { $gt: 1 }, [[[]]], 'x'.repeat(5000)]
const BAD_REVS = ['', '1', '1-', '-1-abc', '0-abc', 'x-abc', '1.5-abc', '1e3-abc', '99999999999999999999-abc', '1-a b', ' 1-abc', '1-\u0000', `1-${'a'.repeat(5000)}`, '1--', '1-abc\n']
const BAD_REVISIONS: unknown[] = [
  5, 'x', [], null, { start: 'x', ids: ['a'] }, { start: 1, ids: 5 }, { start: 1, ids: [] }, { start: 0, ids: ['a'] },
  { start: -1, ids: ['a'] }, { start: 1.5, ids: ['a'] }, { start: 1e300, ids: ['a'] }, { start: 1, ids: [5] }, { start: 1, ids: [''] },
  { start: 1, ids: ['a', 'b', 'c'] }, { start: 2, ids: ['a b', 'c'] }, { start: 2, ids: [null, 'c'] }, { ids: ['a'] }, { start: 1 },
]
const ODD_IDS = ['..', '.', '%2e%2e', '%2E%2E%2F_users', '%00', 'a%00b', '%ZZ', '%', '_design/..%2F..%2F_users', '_local/..%2F..', '_design%2F..',
  '%2F', '%2F%2F', '_foo', '_all_docs%2Fx', '_changes%00', 'x'.repeat(9000), '%F0%9F%92%A9', '%C0%AE%C0%AE', '..%5C..%5C', '_design/', '_local/', '_local%2F_security']
const BAD_SINCE = ['abc', '-1', '1e5', 'NaN', '[1]', 'now-', '%00', '"', 'x-1', ' ', 'Infinity', '{}', '0x10', '1.5']
const FEEDS = ['bogus', 'LONGPOLL', 'eventsource2', '']
const JSON_ENDPOINTS = ['_bulk_docs', '_bulk_get', '_revs_diff', '_changes?filter=_doc_ids', '_all_docs']

function forgedCookie(r: Rng): string {
  const hex = (n: number) => n.toString(16)
  const forms = [
    () => Buffer.from(`admin:${hex(2 ** 40)}:${r.str(43)}`).toString('base64url'),
    () => Buffer.from(`vera:${hex(1)}:${r.str(43)}`).toString('base64url'),
    () => Buffer.from(`::::`).toString('base64url'),
    () => r.str(r.int(300), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ+/=!*'),
    () => '',
    () => Buffer.from(`${'admin:'.repeat(50)}${hex(2 ** 40)}:x`).toString('base64url'),
    () => `${Buffer.from('nobody:ffffffff:abc').toString('base64url')}; AuthSession=${r.str(20)}`,
  ]
  return `AuthSession=${r.pick(forms)()}`
}

/** Anyone who may not do what is asked: anonymous, forged cookies, broken Basic credentials. */
function outsider(r: Rng): Record<string, string> {
  switch (r.int(5)) {
    case 0: return {}
    case 1: return { Cookie: forgedCookie(r) }
    case 2: return { Authorization: `Basic ${r.pick(['', '!!!', Buffer.from('vera').toString('base64'), Buffer.from(`ghost-${r.int(50)}:pw`).toString('base64'), 'Og=='])}` }
    case 3: return { Authorization: `Bearer ${r.str(30)}` }
    default: return { Cookie: `${forgedCookie(r)}; other=1` }
  }
}

/** A body that is not JSON: cut short, binary, or empty. */
function brokenJson(r: Rng): string | Buffer {
  const valid = JSON.stringify({ docs: [{ _id: `x-${r.int(1000)}`, kind: 'help-session' }], new_edits: false, selector: { a: 1 } })
  switch (r.int(5)) {
    case 0: return valid.slice(0, 1 + r.int(valid.length - 1))
    case 1: return Buffer.from([0xFF, 0xFE, 0x7B, r.int(256)])
    case 2: return r.pick(['{', '[', '"', 'nul', '{"docs":', '{"a":1,}', '{\'a\':1}', 'NaN', '{"docs":[1,]}', '\u0000'])
    case 3: return `${valid}}`
    default: return ''
  }
}

/** An empty body is a fine `_all_docs` request (no keys); blank text is still not JSON. */
const notEmpty = (body: string | Buffer) => (body.length === 0 ? '  ' : body)

/** JSON nested far deeper than any record: `[[[[...]]]]` or `{"a":{"a":...}}`, inside a plausible body. */
function deepJson(r: Rng): string {
  const depth = r.pick([200, 1000, 10_000, 100_000])
  const inner = r.int(2) === 0 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
  return r.pick([
    `{"docs":[{"_id":"_local/deep-${r.int(1e6)}","x":${inner}}]}`,
    `{"docs":${inner}}`,
    `{"selector":${inner}}`,
    `{"members":{"names":[],"roles":[],"x":${inner}}}`,
    `{"x-${r.int(1e6)}":${inner}}`,
    inner,
  ])
}

/** A help session from the volunteer, made invalid for sure, then damaged further at random. */
function badDoc(r: Rng, newEdits: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...makeHelpSession({ staff: 'vera' }) }
  const sure: (() => void)[] = [
    () => doc.kind = r.pick(['person', 'loan', '', 'help-session ', 'HELP-SESSION', 5, null]),
    () => doc._id = r.pick([5, null, {}, [], '_foo', '_users']),
    () => doc._rev = r.pick(BAD_REVS.filter(x => x !== '')),
    () => doc.createdBy = r.pick(['admin', 'someone-else', '']),
    () => doc.municipality = r.pick(['ravels', 'nowhere', 7, null]),
    () => doc._id = '_local/_security',
    () => doc._attachments = r.pick([5, 'x', { 'a.png': 5 }, { 'a.png': { data: '!!!not base64', content_type: 'image/png' } }, { 'a.png': { stub: true, digest: 'md5-nope' } }, { 'a.png': { stub: true } }]),
  ]
  // CouchDB reads `_revisions` only with new_edits=false; elsewhere it would not make a doc bad.
  if (!newEdits)
    sure.push(() => doc._revisions = r.pick(BAD_REVISIONS.filter(x => x !== null)))
  r.pick(sure)()
  const fields = ['note', 'durationMinutes', 'startedAt', 'location', 'categories', 'outcome', 'schemaVersion', 'createdAt', 'updatedAt', '_deleted', 'personId']
  for (let i = r.int(3); i > 0; i--)
    doc[r.pick(fields)] = r.pick(WRONG)
  if (doc._deleted === true)
    doc._deleted = 'true'
  return doc
}

/** A valid help session whose revision metadata alone is wrong: must be refused, not stored. */
function badRevisionMeta(r: Rng, newEdits: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...makeHelpSession({ staff: 'vera' }) }
  // With new_edits (the default) CouchDB ignores `_revisions`; only `_rev` counts there.
  if (newEdits || r.int(2) === 0)
    doc._rev = r.pick(BAD_REVS.filter(x => x !== ''))
  else
    doc._revisions = r.pick(BAD_REVISIONS.filter(x => x !== null))
  return doc
}

type Gen = (r: Rng, w: FuzzWorld) => FuzzRequest

const json = (body: unknown) => JSON.stringify(body)

export const GENERATORS: Record<string, Gen> = {
  'bad JSON': (r, w) => {
    const target = r.pick([...JSON_ENDPOINTS.map(e => `/${w.db}/${e}`), `/${w.db}/_local/cp-${r.int(99)}`, `/${w.db}/x-${r.int(99)}`, '/_session', `/${w.db}/_security`, '/_users/org.couchdb.user:vera'])
    const method = target.includes('_local/') || target.includes('_security') || /\/x-\d+$/.test(target) || target.startsWith('/_users/') ? 'PUT' : 'POST'
    const body = target.endsWith('_all_docs') ? notEmpty(brokenJson(r)) : brokenJson(r)
    return { kind: 'bad JSON', method, path: target, headers: { ...JSON_TYPE, Cookie: target.endsWith('_security') ? w.admin : w.vera }, body }
  },
  'deep nesting': (r, w) => {
    const path = r.pick([`/${w.db}/_bulk_docs`, `/${w.db}/_changes?filter=_selector`, `/${w.db}/_revs_diff`, `/${w.db}/_local/deep-${r.int(1e6)}`, `/${w.db}/_security`, `/${w.db}/_bulk_get`])
    const method = path.includes('_local/') || path.endsWith('_security') ? 'PUT' : 'POST'
    return { kind: 'deep nesting', method, path, headers: { ...JSON_TYPE, Cookie: path.endsWith('_security') ? w.admin : w.vera }, body: deepJson(r) }
  },
  'huge body': (r, w) => {
    const size = w.maxBody + 1 + r.int(w.maxBody)
    const path = r.pick([`/${w.db}/_bulk_docs`, `/${w.db}/_local/big-${r.int(99)}`, '/_session', `/${w.db}/x-${r.int(99)}`, `/${w.db}/x-1/att.bin`])
    const method = path.includes('_local/') || path.includes('/x-') ? 'PUT' : 'POST'
    const body = `{"docs":[{"_id":"x","pad":"${'p'.repeat(size)}"}]}`
    return { kind: 'huge body', method, path, headers: { ...JSON_TYPE, Cookie: r.int(2) ? w.vera : w.admin }, body }
  },
  'huge headers': (r, w) => {
    const big = 'h'.repeat(17_000 + r.int(40_000))
    const headers = r.pick([{ 'X-Pad': big }, { Cookie: `AuthSession=${big}` }, { Authorization: `Basic ${big}` }, Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h-${i}`, 'v'.repeat(60)]))])
    return { kind: 'huge headers', method: r.pick(['GET', 'POST']), path: r.pick([`/${w.db}/_all_docs`, `/${w.db}/_bulk_docs`, '/_session', `/${w.db}/_changes?x=${'q'.repeat(r.int(2) * 20_000)}`]), headers }
  },
  '_bulk_docs fields': (r, w) => {
    if (r.int(4) === 0)
      return { kind: '_bulk_docs fields', method: 'POST', path: `/${w.db}/_bulk_docs`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json(r.pick([{ docs: r.pick(WRONG.filter(x => !Array.isArray(x))) }, [], 'docs', 5, null, { doc: [] }])) }
    const newEdits = r.pick([true, false, undefined, 'false', 0, null])
    const docs = Array.from({ length: 1 + r.int(4) }, () => badDoc(r, newEdits !== false))
    return { kind: '_bulk_docs fields', method: 'POST', path: `/${w.db}/_bulk_docs`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json({ docs, ...(newEdits === undefined ? {} : { new_edits: newEdits }) }), bulk: 'docs' }
  },
  'revision metadata': (r, w) => {
    const newEdits = r.int(2) === 0
    const docs = Array.from({ length: 1 + r.int(3) }, () => badRevisionMeta(r, newEdits))
    return { kind: 'revision metadata', method: 'POST', path: `/${w.db}/_bulk_docs`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json({ docs, new_edits: newEdits }), bulk: 'docs' }
  },
  '_bulk_get fields': (r, w) => {
    const flags = r.pick(['', '?revs=true&latest=true', '?attachments=maybe', '?revs=1&latest=%00'])
    if (r.int(3) === 0)
      return { kind: '_bulk_get fields', method: 'POST', path: `/${w.db}/_bulk_get${flags}`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json(r.pick([{ docs: r.pick(WRONG.filter(x => !Array.isArray(x))) }, [], 'x', { ids: [] }])) }
    const known = r.pick(w.docs)
    const docs = Array.from({ length: 1 + r.int(4) }, () => r.pick<unknown>([
      { id: r.pick(WRONG.filter(x => typeof x !== 'string')) }, { rev: known.rev }, { id: known.id, rev: r.pick(BAD_REVS) },
      { id: `missing-${r.int(1e6)}` }, { id: `missing-${r.int(1e6)}`, rev: r.pick(WRONG) }, r.pick(WRONG), { id: known.id, rev: `${known.rev}x`, atts_since: r.pick(WRONG) },
    ]))
    return { kind: '_bulk_get fields', method: 'POST', path: `/${w.db}/_bulk_get${flags}`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json({ docs }), bulk: 'get' }
  },
  '_revs_diff fields': (r, w) => {
    const body = r.pick<unknown>([[], 'x', 5, null, true, { [r.pick(w.docs).id]: r.pick(WRONG.filter(x => !(Array.isArray(x) && x.length === 0))) }, { a: ['1-a'], b: [1, 2] }, { a: [null] }, { a: 'x' }])
    return { kind: '_revs_diff fields', method: 'POST', path: `/${w.db}/_revs_diff`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json(body) }
  },
  '_changes params': (r, w) => {
    const bad = r.pick([
      `since=${encodeURIComponent(r.pick(BAD_SINCE))}`, `limit=${r.pick(['-1', 'x', '1.5', '1e400', '%00'])}`, `style=${r.pick(['bogus', 'ALL_DOCS', ''])}`,
      `feed=${r.pick(FEEDS)}`, `filter=${r.pick(['bogus', 'a/b', '_view', '_doc_ids', '_selector', '%00', 'a/b/c'])}`,
      `filter=_doc_ids&doc_ids=${encodeURIComponent(r.pick(['x', '[1]', '{}', '["a",', 'null']))}`, `seq_interval=${r.pick(['x', '-3'])}`,
    ])
    const noise = r.pick(['', '&feed=longpoll&heartbeat=10000', '&include_docs=true', '&descending=true', '&style=all_docs', '&since=now&feed=longpoll'])
    const post = r.int(4) === 0
    return { kind: '_changes params', method: post ? 'POST' : 'GET', path: `/${w.db}/_changes?${bad}${noise}`, headers: { ...JSON_TYPE, Cookie: w.vera }, ...(post ? { body: json({ doc_ids: r.pick(WRONG.filter(x => !(Array.isArray(x) && x.length === 0))), selector: r.pick(WRONG) }) } : {}) }
  },
  '_session fields': (r) => {
    const body = r.pick<string>([
      json({ name: r.pick(WRONG), password: 'x' }), json({ name: 'vera', password: r.pick(WRONG) }), json({ name: 'vera' }), json([]), json('vera'),
      json({ name: 'vera', password: `wrong-${r.int(99)}` }), json({ name: `ghost-${r.int(99)}`, password: 'pw' }),
    ])
    const form = r.int(5) === 0
    return { kind: '_session fields', method: r.pick(['POST', 'POST', 'POST', 'PUT', 'PATCH']), path: '/_session', headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : JSON_TYPE, body: form ? r.pick(['name=vera', 'password=x', '', 'name=&password=', '%%%']) : body }
  },
  '_local checkpoints': (r, w) => {
    const id = r.pick([w.checkpoint, `_local/cp-${r.int(1e6)}`, '_local/_security', '_local/%2e%2e', '_local/'])
    const wrongRev = r.pick(['0-999', '1-abc', 'x', '0-0', ...BAD_REVS.filter(x => x !== '')])
    const method = r.pick(['PUT', 'DELETE', 'GET'])
    const who = r.int(3) === 0 ? outsider(r) : { Cookie: w.vera }
    if (method === 'GET')
      return { kind: '_local checkpoints', method, path: `/${w.db}/_local/missing-${r.int(1e6)}`, headers: who }
    if (method === 'DELETE')
      return { kind: '_local checkpoints', method, path: `/${w.db}/${id.replace('_local/', '_local/missing-')}?rev=${encodeURIComponent(wrongRev)}`, headers: who }
    const body = r.pick<unknown>([{ _rev: wrongRev, last_seq: r.pick(WRONG) }, [], 'x', 5, null])
    return { kind: '_local checkpoints', method, path: `/${w.db}/${id}`, headers: { ...JSON_TYPE, ...who }, body: json(body) }
  },
  '_security': (r, w) => {
    if (r.int(2) === 0)
      return { kind: '_security', method: r.pick(['GET', 'PUT', 'DELETE']), path: `/${w.db}/_security`, headers: { ...JSON_TYPE, ...(r.int(2) ? { Cookie: w.vera } : outsider(r)) }, body: json({ members: { roles: ['volunteer'] }, admins: { names: ['vera'] } }) }
    const body = r.pick<unknown>([{ members: 5 }, { members: { names: 'vera' } }, { admins: { roles: [1] } }, { members: { roles: [null] } }, [], 'x', { admins: [], members: {} }])
    return { kind: '_security', method: 'PUT', path: `/${w.db}/_security`, headers: { ...JSON_TYPE, Cookie: w.admin }, body: json(body) }
  },
  '_users': (r, w) => {
    const name = r.pick(['admin', 'mallory', `x${r.int(1e6)}`, '', '../admin'])
    const body = { _id: `org.couchdb.user:${name}`, name, type: 'user', roles: r.pick([['_admin'], ['coordinator'], 'admin', null]), password: 'pw-123456' }
    const who = r.int(3) === 0 ? outsider(r) : { Cookie: w.vera }
    const path = r.pick([`/_users/org.couchdb.user:${encodeURIComponent(name)}`, '/_users/_all_docs', '/_users/_changes', '/_users/_bulk_docs', '/_users/_security', '/_users'])
    const method = path === '/_users/_all_docs' || path === '/_users/_changes' ? 'GET' : path === '/_users/_bulk_docs' ? 'POST' : r.pick(['PUT', 'DELETE', 'GET'])
    return { kind: '_users', method, path, headers: { ...JSON_TYPE, ...who }, body: json(path.endsWith('_bulk_docs') ? { docs: [body] } : body) }
  },
  'revisions': (r, w) => {
    const known = r.pick(w.docs)
    switch (r.int(4)) {
      case 0: return { kind: 'revisions', method: 'GET', path: `/${w.db}/${known.id}?rev=${encodeURIComponent(r.pick(BAD_REVS))}`, headers: { Cookie: w.vera } }
      case 1: return { kind: 'revisions', method: 'GET', path: `/${w.db}/${known.id}?open_revs=${encodeURIComponent(r.pick(['garbage', '[5]', '["1-"]', '{}', '[', '[null]']))}`, headers: { Cookie: w.vera } }
      case 2: return { kind: 'revisions', method: 'DELETE', path: `/${w.db}/${known.id}?rev=${encodeURIComponent(r.pick([...BAD_REVS, '1-0000', `${known.rev}0`]))}`, headers: { Cookie: w.vera } }
      default: {
        // The same revision id again with another body: CouchDB keeps what it has.
        const body = { _id: known.id, _rev: known.rev, kind: r.pick(WRONG), note: r.str(20) }
        const newEdits = r.int(2) === 0
        return { kind: 'revisions', method: 'POST', path: `/${w.db}/_bulk_docs`, headers: { ...JSON_TYPE, Cookie: w.vera }, body: json({ docs: [body], new_edits: newEdits }), bulk: newEdits ? 'docs' : 'noop' }
      }
    }
  },
  'odd ids': (r, w) => {
    const id = r.pick(ODD_IDS)
    const base = r.pick([`/${w.db}/`, `/${w.db}/_design/`, `/${w.db}/_local/`, '/', '/_users/', `/${w.db}%2F..%2F_users/`, '/DGB/', `/${w.db}%00/`])
    const method = r.pick(['PUT', 'DELETE', 'COPY', 'POST'])
    const who = r.int(3) === 0 ? outsider(r) : { Cookie: w.vera }
    // A stale `_rev`, so that even an id that happens to be a fine checkpoint name is a conflict.
    return { kind: 'odd ids', method, path: `${base}${id}${method === 'DELETE' ? '?rev=1-abc' : ''}`, headers: { ...JSON_TYPE, ...who }, body: json({ _rev: '0-77', note: r.str(8) }) }
  },
  'outsiders': (r, w) => {
    const [method, path] = r.pick<[string, string]>([['GET', `/${w.db}/_all_docs`], ['GET', `/${w.db}/_changes?feed=longpoll`], ['POST', `/${w.db}/_bulk_docs`], ['POST', `/${w.db}/_bulk_get`], ['POST', `/${w.db}/_revs_diff`], ['GET', `/${w.db}`], ['PUT', `/${w.db}`], ['DELETE', `/${w.db}`], ['GET', `/${w.db}/${r.pick(w.docs).id}`], ['PUT', '/newdb'], ['POST', `/${w.db}/_compact`]])
    return { kind: 'outsiders', method, path, headers: { ...JSON_TYPE, ...outsider(r) }, body: json({ docs: [{ _id: 'x' }], x: ['1-a'] }) }
  },
}

export const KINDS = Object.keys(GENERATORS)

/** The `i`-th request of the run with this seed. */
export function generate(seed: number, count: number, world: FuzzWorld): FuzzRequest[] {
  const r = seeded(seed)
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]!
    const req = GENERATORS[kind]!(r, world)
    return req.body === undefined || req.method !== 'GET' ? req : { ...req, body: undefined }
  })
}
