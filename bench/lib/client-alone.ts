/**
 * The client alone: a server that answers a PouchDB push at once and stores nothing. It reads each
 * request's body and frames its answers as our server does (`readBody`, `sendJson`, without the
 * security headers), but never parses a document: it lists every revision as missing, takes every
 * batch with `[]` and keeps only the replication checkpoints. No server can take a push faster
 * than this, so a reference's push time divided by this one's is the most any server could reach
 * against that reference with this client (`sync-throughput.ts` prints it as the ceiling).
 *
 *   PORT=5984 node --import tsx bench/lib/client-alone.ts
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { readBody } from '../../sync-server/http/body'
import { sendJson } from '../../sync-server/http/respond'

const checkpoints = new Map<string, { body: Record<string, unknown>, n: number }>()

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  const body = (await readBody(req, Number.MAX_SAFE_INTEGER)).toString('utf8')
  if (path === '/')
    return sendJson(res, 200, { couchdb: 'Welcome', uuid: 'a1c0ffee0000000000000000000000aa', version: '3.3.3' })
  const [, db, ...rest] = path.split('/')
  const sub = rest.join('/')
  if (sub === '' && (req.method === 'GET' || req.method === 'HEAD'))
    return sendJson(res, 200, { db_name: db, update_seq: '0', doc_count: 0, doc_del_count: 0, instance_start_time: '0' })
  if (sub === '' && req.method === 'PUT')
    return sendJson(res, 201, { ok: true })
  if (sub === '_revs_diff' && req.method === 'POST') {
    const asked = JSON.parse(body) as Record<string, string[]>
    const missing: Record<string, { missing: string[] }> = {}
    for (const id of Object.keys(asked))
      missing[id] = { missing: asked[id]! }
    return sendJson(res, 200, missing)
  }
  if (sub === '_bulk_docs' && req.method === 'POST')
    return sendJson(res, 201, [])
  if (sub.startsWith('_local/')) {
    const key = `${db}/${sub}`
    const kept = checkpoints.get(key)
    if (req.method === 'GET')
      return kept ? sendJson(res, 200, kept.body) : sendJson(res, 404, { error: 'not_found', reason: 'missing' })
    if (req.method === 'PUT') {
      const n = (kept?.n ?? 0) + 1
      const doc = { ...JSON.parse(body) as Record<string, unknown>, _id: sub, _rev: `0-${n}` }
      checkpoints.set(key, { body: doc, n })
      return sendJson(res, 201, { ok: true, id: sub, rev: `0-${n}` })
    }
  }
  sendJson(res, 404, { error: 'not_found', reason: 'the client-alone server answers a push only' })
}

createServer((req, res) => {
  answer(req, res).catch(() => sendJson(res, 400, { error: 'bad_request', reason: 'invalid request' }))
}).listen(Number(process.env.PORT), '127.0.0.1')
