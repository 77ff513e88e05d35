import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, request, type Credentials } from './support/http'
import { ADMIN, startTestServer, type TestServer } from './support/server'

let t: TestServer
let cora: Credentials
let vera: Credentials
const SECRETS = ['password', 'password_scheme', 'pbkdf2_prf', 'iterations', 'salt', 'derived_key']
const id = (name: string) => `/_users/org.couchdb.user:${name}`

beforeAll(async () => {
  t = await startTestServer()
  cora = await createUser(t.url, ADMIN, 'cora', 'cora-password-1', ['coordinator'])
  vera = await createUser(t.url, ADMIN, 'vera', 'vera-password-1', ['volunteer', 'm:arendonk'])
})
afterAll(() => t.stop())

async function signsIn(name: string, password: string): Promise<boolean> {
  return (await request(t.url, 'POST', '/_session', { body: { name, password } })).status === 200
}

describe('coordinators manage staff accounts', () => {
  it('lists and reads accounts without any password field', async () => {
    const list = await request(t.url, 'GET', '/_users/_all_docs?include_docs=true', { auth: cora })
    expect(list.status).toBe(200)
    const names = (list.body.rows as { doc: { name: string } }[]).map(r => r.doc.name)
    expect(names).toEqual(expect.arrayContaining(['admin', 'cora', 'vera']))
    const one = await request(t.url, 'GET', id('vera'), { auth: cora })
    expect(one.status).toBe(200)
    expect(one.body.roles).toEqual(['volunteer', 'm:arendonk'])
    for (const doc of [one.body, ...list.body.rows.map((r: { doc: unknown }) => r.doc)]) {
      for (const field of SECRETS)
        expect(doc).not.toHaveProperty(field)
    }
    // The rest of `_users` stays for server admins.
    expect((await request(t.url, 'GET', '/_users/_changes', { auth: cora })).status).toBe(403)
  })

  it('creates a volunteer who can then sign in, changes their scope, resets the password and disables them', async () => {
    const created = await request(t.url, 'PUT', id('wout'), { auth: cora, body: { name: 'wout', type: 'user', roles: ['volunteer', 'm:ravels'], password: 'wout-password-1' } })
    expect(created.status).toBe(201)
    expect(await signsIn('wout', 'wout-password-1')).toBe(true)

    // The document a coordinator reads has no hash; writing it back keeps the stored one.
    const read = await request(t.url, 'GET', id('wout'), { auth: cora })
    const rescoped = await request(t.url, 'PUT', id('wout'), { auth: cora, body: { ...read.body, roles: ['volunteer', 'trainer', 'm:ravels', 'm:arendonk'] } })
    expect(rescoped.status).toBe(201)
    expect(await signsIn('wout', 'wout-password-1')).toBe(true)
    const session = await request(t.url, 'GET', '/_session', { auth: { name: 'wout', password: 'wout-password-1' } })
    expect(session.body.userCtx.roles).toEqual(['volunteer', 'trainer', 'm:ravels', 'm:arendonk'])

    const again = await request(t.url, 'GET', id('wout'), { auth: cora })
    expect((await request(t.url, 'PUT', id('wout'), { auth: cora, body: { ...again.body, password: 'wout-password-2' } })).status).toBe(201)
    expect(await signsIn('wout', 'wout-password-1')).toBe(false)
    expect(await signsIn('wout', 'wout-password-2')).toBe(true)

    const last = await request(t.url, 'GET', id('wout'), { auth: cora })
    expect((await request(t.url, 'PUT', id('wout'), { auth: cora, body: { ...last.body, disabled: true } })).status).toBe(201)
    expect(await signsIn('wout', 'wout-password-2')).toBe(false)
  })

  it('refuses granting admin, an unknown municipality, touching an admin account, deleting, and setting a hash by hand', async () => {
    const admin = await request(t.url, 'PUT', id('mallory'), { auth: cora, body: { name: 'mallory', type: 'user', roles: ['admin'], password: 'mallory-pass-1' } })
    expect(admin.status).toBe(403)
    const serverAdmin = await request(t.url, 'PUT', id('mallory'), { auth: cora, body: { name: 'mallory', type: 'user', roles: ['coordinator', '_admin'], password: 'mallory-pass-1' } })
    expect(serverAdmin.status).toBe(403)
    const nowhere = await request(t.url, 'PUT', id('mallory'), { auth: cora, body: { name: 'mallory', type: 'user', roles: ['volunteer', 'm:antwerpen'], password: 'mallory-pass-1' } })
    expect(nowhere.status).toBe(403)
    expect(await signsIn('mallory', 'mallory-pass-1')).toBe(false)

    const adminDoc = await request(t.url, 'GET', id('admin'), { auth: cora })
    expect((await request(t.url, 'PUT', id('admin'), { auth: cora, body: { ...adminDoc.body, disabled: true } })).status).toBe(403)
    expect((await request(t.url, 'PUT', id('admin'), { auth: cora, body: { ...adminDoc.body, password: 'taken-over-1' } })).status).toBe(403)
    expect(await signsIn(ADMIN.name, ADMIN.password)).toBe(true)

    const veraDoc = await request(t.url, 'GET', id('vera'), { auth: cora })
    expect((await request(t.url, 'DELETE', `${id('vera')}?rev=${veraDoc.body._rev}`, { auth: cora })).status).toBe(403)
    // Hash fields in the request are ignored: the stored password stays.
    const forged = { ...veraDoc.body, password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations: 1, salt: 'aa', derived_key: 'bb' }
    expect((await request(t.url, 'PUT', id('vera'), { auth: cora, body: forged })).status).toBe(201)
    expect(await signsIn('vera', 'vera-password-1')).toBe(true)
  })

  it('refuses a coordinator changing their own roles or disabling themselves, but lets them change their password', async () => {
    const own = await request(t.url, 'GET', id('cora'), { auth: cora })
    expect((await request(t.url, 'PUT', id('cora'), { auth: cora, body: { ...own.body, roles: ['coordinator', 'lender'] } })).status).toBe(403)
    expect((await request(t.url, 'PUT', id('cora'), { auth: cora, body: { ...own.body, roles: [] } })).status).toBe(403)
    expect((await request(t.url, 'PUT', id('cora'), { auth: cora, body: { ...own.body, disabled: true } })).status).toBe(403)
    expect((await request(t.url, 'PUT', id('cora'), { auth: cora, body: { ...own.body, password: 'cora-password-2' } })).status).toBe(201)
    cora = { name: 'cora', password: 'cora-password-2' }
    expect(await signsIn('cora', 'cora-password-2')).toBe(true)
  })

  it('refuses all of this to a volunteer', async () => {
    expect((await request(t.url, 'GET', '/_users/_all_docs?include_docs=true', { auth: vera })).status).toBe(403)
    expect((await request(t.url, 'GET', id('cora'), { auth: vera })).status).toBe(403)
    expect((await request(t.url, 'PUT', id('vince'), { auth: vera, body: { name: 'vince', type: 'user', roles: ['volunteer'], password: 'vince-password-1' } })).status).toBe(403)
    const coraDoc = await request(t.url, 'GET', id('cora'), { auth: cora })
    expect((await request(t.url, 'PUT', id('cora'), { auth: vera, body: { ...coraDoc.body, disabled: true } })).status).toBe(403)
    expect((await request(t.url, 'GET', '/_users/_all_docs', {})).status).toBe(401)
  })

  it('leaves server admins their full rights', async () => {
    const made = await createUser(t.url, ADMIN, 'boss', 'boss-password-1', ['admin', 'coordinator'])
    expect(await signsIn(made.name, made.password)).toBe(true)
    const raw = await request(t.url, 'GET', id('boss'), { auth: ADMIN })
    expect(raw.body).toHaveProperty('derived_key')
  })
})
