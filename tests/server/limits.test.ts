import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, startWithVera, type TestServer } from './support/server'

let t: TestServer
let vera: Credentials

beforeAll(async () => {
  ({ t, vera } = await startWithVera({
    limits: { maxBody: 64 * 1024, maxWaitingChanges: 2, requestTimeoutMs: 600, maxFeedMs: 5_000 },
    maxFailedSignIns: 3,
  }))
})
afterAll(() => t.stop())

describe('limits', () => {
  it('refuses a body over the size limit with 413', async () => {
    const docs = Array.from({ length: 200 }, (_, i) => ({ _id: `big-${i}`, filler: 'x'.repeat(500) }))
    const res = await request(t.url, 'POST', '/dgb-m-arendonk/_bulk_docs', { auth: vera, body: { docs } })
    expect(res.status).toBe(413)
    expect(res.body).toEqual({ error: 'too_large', reason: 'the request entity is too large' })
  })

  it('refuses a chunked body that grows over the limit with 413, and closes the connection', async () => {
    const url = new URL(t.url)
    const auth = Buffer.from(`${vera.name}:${vera.password}`).toString('base64')
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /dgb-m-arendonk/_bulk_docs HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`)
        // 80 kB in 8 kB chunks, over the 64 kB limit, and never the closing chunk.
        const chunk = 'x'.repeat(8 * 1024)
        for (let i = 0; i < 10; i++)
          socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
      })
      let text = ''
      socket.on('data', (data) => {
        text += data.toString()
      })
      socket.on('error', () => undefined)
      socket.on('close', () => resolve(text))
      setTimeout(() => socket.destroy(), 5_000)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(answer).toContain('"error":"too_large"')
  })

  it('cuts a request whose body never finishes arriving', async () => {
    const url = new URL(t.url)
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /_session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na')
      })
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
      })
      socket.on('close', () => resolve(text))
      setTimeout(() => socket.destroy(), 5_000)
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })

  it('bounds the number of waiting changes feeds with a 503', async () => {
    const since = (await request(t.url, 'GET', '/dgb-m-arendonk/_changes?since=now', { auth: vera })).body.last_seq
    const path = `/dgb-m-arendonk/_changes?feed=longpoll&timeout=1500&since=${since}`
    const held = [request(t.url, 'GET', path, { auth: vera }), request(t.url, 'GET', path, { auth: vera })]
    await new Promise(resolve => setTimeout(resolve, 300))
    const third = await request(t.url, 'GET', path, { auth: vera })
    expect(third.status).toBe(503)
    expect(third.headers.get('retry-after')).toBe('5')
    expect((await Promise.all(held)).map(r => r.status)).toEqual([200, 200])
    // Once they are answered, a new feed is welcome again.
    expect((await request(t.url, 'GET', `/dgb-m-arendonk/_changes?feed=longpoll&timeout=100&since=${since}`, { auth: vera })).status).toBe(200)
  })
})

describe('sign-in rate limit', () => {
  it('blocks an account after repeated failures, even with the right password', async () => {
    const mallory = await createUser(t.url, ADMIN, 'target', 'target-password', ['volunteer'])
    for (let i = 0; i < 3; i++)
      expect((await request(t.url, 'POST', '/_session', { body: { name: 'target', password: `guess-${i}` } })).status).toBe(401)
    const blocked = await request(t.url, 'POST', '/_session', { body: mallory })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    // Basic credentials go through the same limit.
    expect((await request(t.url, 'GET', '/dgb-config', { auth: mallory })).status).toBe(429)
    // Another account is not affected by this account's block.
    expect((await request(t.url, 'POST', '/_session', { body: vera })).status).toBe(200)
  })
})

describe('disabled accounts', () => {
  it('cannot sign in or use a cookie they already hold', async () => {
    const dora = await createUser(t.url, ADMIN, 'dora', 'dora-password', ['volunteer', 'm:arendonk'])
    const signed = await request(t.url, 'POST', '/_session', { body: dora })
    const cookie = signed.headers.get('set-cookie')!.split(';')[0]!
    const doc = (await request(t.url, 'GET', '/_users/org.couchdb.user:dora', { auth: ADMIN })).body
    expect((await request(t.url, 'PUT', '/_users/org.couchdb.user:dora', { auth: ADMIN, body: { ...doc, disabled: true } })).status).toBe(201)
    expect((await request(t.url, 'POST', '/_session', { body: dora })).status).toBe(401)
    expect((await request(t.url, 'GET', '/_session', { cookie })).body.userCtx.name).toBeNull()
  })
})
