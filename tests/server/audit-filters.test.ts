import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, type TestServer, startWithVera } from './support/server'

// The filters and newest-first paging the coordinators' audit screen uses.
let t: TestServer
let vera: Credentials
let coordinator: Credentials
const ids: string[] = []

beforeAll(async () => {
  ({ t, vera } = await startWithVera())
  coordinator = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
  for (let i = 0; i < 5; i++) {
    const doc = makeHelpSession({ staff: 'vera' })
    expect((await request(t.url, 'PUT', `/dgb-m-arendonk/${doc._id}`, { auth: vera, body: doc })).status).toBe(201)
    ids.push(doc._id)
  }
  const person = makePerson({ staff: 'cora' })
  expect((await request(t.url, 'PUT', `/dgb-residents/${person._id}`, { auth: coordinator, body: person })).status).toBe(201)
  ids.push(person._id)
})
afterAll(() => t.stop())

async function audit(query: string) {
  const res = await request(t.url, 'GET', `/_digibalie/audit?${query}`, { auth: coordinator })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as { entries: Array<{ seq: number, id: string, account: string, kind: string | null, db: string, at: string }>, last_seq: number }
}

describe('audit trail filters and paging', () => {
  it('pages newest first with before, and the pages join up without gaps or repeats', async () => {
    const sessions = ids.slice(0, 5).reverse()
    const first = await audit('before=&limit=3&db=dgb-m-arendonk')
    expect(first.entries.map(e => e.id)).toEqual(sessions.slice(0, 3))
    const second = await audit(`before=${first.last_seq}&limit=3&db=dgb-m-arendonk`)
    expect(second.entries.map(e => e.id)).toEqual(sessions.slice(3))
    expect(second.entries.every(e => e.seq < first.last_seq)).toBe(true)
  })

  it('filters by account, record kind and database', async () => {
    expect((await audit('before=&account=cora')).entries.map(e => e.id)).toEqual([ids[5]])
    expect((await audit('before=&kind=help-session')).entries).toHaveLength(5)
    expect((await audit('before=&db=dgb-residents&kind=help-session')).entries).toEqual([])
    expect((await audit('before=&account=vera&db=dgb-m-arendonk&limit=2')).entries.map(e => e.id)).toEqual([ids[4], ids[3]])
  })

  it('filters by date: a day as the end includes that whole day', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const all = (await audit('before=')).entries
    expect(all.length).toBeGreaterThanOrEqual(6)
    expect((await audit(`before=&from=${today}&to=${today}`)).entries).toEqual(all)
    expect((await audit('before=&to=2020-01-01')).entries).toEqual([])
    expect((await audit(`before=&from=2999-01-01`)).entries).toEqual([])
  })

  it('refuses filters that are not a day, a time or a sensible name', async () => {
    for (const q of ['from=yesterday', 'to=2026-13', 'account=', `kind=${'x'.repeat(41)}`, 'before=-3'])
      expect((await request(t.url, 'GET', `/_digibalie/audit?${q}`, { auth: coordinator })).status).toBe(400)
  })
})
