import { Agent, request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { digestDataDir } from './support/digest'
import { generate, KINDS, type FuzzRequest, type FuzzWorld } from './support/fuzz-requests'
import { createUser, request, signIn } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

const SEED = Number(process.env.FUZZ_SEED ?? 20250310)
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000)
const MAX_BODY = 64 * 1024
const DB = 'dgb-m-arendonk'
// Text that would betray the server's insides: stack frames, library and error class names.
const INTERNAL = /\bat [\w.<>]+ \(|node_modules|sqlite|TypeError|RangeError|ReferenceError|SyntaxError|Cannot read|undefined is not|stack/i

let t: TestServer
let world: FuzzWorld
const agent = new Agent({ keepAlive: true, maxSockets: 6 })

interface Answer { status: number, type: string, text: string }

/** One request over a kept-alive connection; a hang is bounded by the socket timeout. */
function send(base: string, req: FuzzRequest): Promise<Answer> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers: { Accept: 'application/json', ...req.headers }, agent, timeout: 10_000 }, (res) => {
      const chunks: Uint8Array[] = []
      res.on('data', (c: Buffer) => chunks.push(new Uint8Array(c)))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    r.on('timeout', () => r.destroy(new Error('no answer within 10 s')))
    r.on('error', reject)
    r.end(req.body)
  })
}

/** Why an answer breaks the rules, or null when it is a proper refusal. */
function judge(req: FuzzRequest, a: Answer): string | null {
  let body: unknown
  try {
    body = JSON.parse(a.text)
  }
  catch {
    return `not JSON (${a.status}): ${a.text.slice(0, 80)}`
  }
  if (!a.type.includes('application/json'))
    return `content type ${a.type}`
  if (INTERNAL.test(a.text))
    return `internal detail leaked: ${a.text.slice(0, 120)}`
  if (req.bulk && a.status >= 200 && a.status < 300) {
    if (req.bulk === 'docs' || req.bulk === 'noop') {
      const items = body as { error?: unknown }[]
      if (!Array.isArray(items) || items.some(i => typeof i.error !== 'string'))
        return `a _bulk_docs item was accepted: ${a.text.slice(0, 200)}`
      const sent = (JSON.parse(String(req.body)) as { docs: unknown[] }).docs.length
      return req.bulk === 'noop' || items.length === sent ? null : `${sent} docs sent, ${items.length} errors listed`
    }
    const results = (body as { results?: { docs: { error?: unknown }[] }[] }).results
    if (!Array.isArray(results) || results.some(r => r.docs.some(d => d.error === undefined)))
      return `a _bulk_get item was answered with a document: ${a.text.slice(0, 200)}`
    return null
  }
  if (a.status < 400 || a.status > 499)
    return `status ${a.status}: ${a.text.slice(0, 160)}`
  const { error, reason } = body as { error?: unknown, reason?: unknown }
  if (typeof error !== 'string' || typeof reason !== 'string')
    return `no {error, reason}: ${a.text.slice(0, 120)}`
  return null
}

beforeAll(async () => {
  // The default sign-in limits stay on: after the first failed attempts from this address every
  // further guess is a quick 429 instead of a slow password hash.
  t = await startTestServer({ limits: { maxBody: MAX_BODY } })
  await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
  const vera = await signIn(t.url, { name: 'vera', password: 'vera-password-1' })
  const admin = await signIn(t.url, ADMIN)
  const docs: FuzzWorld['docs'] = []
  for (const doc of [makeHelpSession(), makeHelpSession(), makeHelpSession({ note: 'tweede bezoek' })]) {
    const put = await request(t.url, 'PUT', `/${DB}/${doc._id}`, { cookie: vera, body: doc })
    expect(put.status).toBe(201)
    docs.push({ id: doc._id, rev: put.body.rev })
  }
  const checkpoint = '_local/fuzz-checkpoint'
  expect((await request(t.url, 'PUT', `/${DB}/${checkpoint}`, { cookie: vera, body: { last_seq: 3 } })).status).toBe(201)
  world = { db: DB, vera, admin, docs, checkpoint, maxBody: MAX_BODY }
})
afterAll(async () => {
  agent.destroy()
  await t.stop()
})

describe('fuzzing the sync-server', () => {
  it(`refuses ${COUNT} malformed requests (seed ${SEED}) with CouchDB-style 4xx and changes nothing`, async () => {
    const before = digestDataDir(t.dataDir)
    const requests = generate(SEED, COUNT, world)
    const failures: string[] = []
    const perKind = new Map<string, number>()
    let next = 0
    const worker = async () => {
      while (next < requests.length) {
        const i = next++
        const req = requests[i]!
        let verdict: string | null
        try {
          verdict = judge(req, await send(t.url, req))
        }
        catch (error) {
          verdict = `no answer: ${error instanceof Error ? error.message : String(error)}`
        }
        perKind.set(req.kind, (perKind.get(req.kind) ?? 0) + 1)
        if (verdict && failures.length < 25)
          failures.push(`#${i} ${req.kind} ${req.method} ${req.path.slice(0, 90)} → ${verdict}`)
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))

    expect(failures).toEqual([])
    expect([...perKind.values()].reduce((a, b) => a + b, 0)).toBe(COUNT)
    expect([...perKind.keys()].sort()).toEqual([...KINDS].sort())
    // Still alive and answering, nothing logged as an internal error, and not one byte changed.
    expect((await request(t.url, 'GET', '/_up')).status).toBe(200)
    expect(t.lines.filter(l => l.startsWith('internal error'))).toEqual([])
    expect(digestDataDir(t.dataDir)).toEqual(before)
  }, 90_000)
})
