import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { accountProblem, type DataLayer } from '../../../src/data'
import { device, closeDevices } from '../helpers/device'
import { cookieJarFetch, createStaff, startSyncServer, type ServerUnderTest } from '../helpers/server'

// A coordinator's tablet against the real sync-server: accounts change, and the server's English
// refusals come back as codes the screen words in the user's language.
const PASSWORD = 'coordinator-wachtwoord-1'
let server: ServerUnderTest

beforeAll(async () => {
  server = await startSyncServer()
  await createStaff(server.url, 'cora', PASSWORD, ['coordinator'])
  await createStaff(server.url, 'beheer', PASSWORD, ['admin'])
  await createStaff(server.url, 'vera', PASSWORD, ['volunteer', 'm:arendonk'])
})
afterAll(() => server.stop())
afterEach(closeDevices)

async function coordinator(): Promise<DataLayer> {
  const { data } = device({ serverUrl: server.url, fetch: cookieJarFetch() })
  await data.auth.signIn('cora', PASSWORD)
  return data
}

async function refusal(work: Promise<unknown>): Promise<string> {
  return work.then(() => 'accepted', err => accountProblem(err))
}

describe('accounts on the server', () => {
  it('changes the roles and municipalities of an account, and that account signs in with them', async () => {
    const data = await coordinator()
    await data.review.accounts.update({ name: 'vera', roles: ['volunteer', 'trainer'], municipalities: ['ravels', 'merksplas'] })
    const vera = (await data.review.accounts.list()).find(a => a.name === 'vera')
    expect(vera).toEqual({ name: 'vera', roles: ['volunteer', 'trainer'], municipalities: ['ravels', 'merksplas'], disabled: false, admin: false })

    const { data: tablet } = device({ serverUrl: server.url, fetch: cookieJarFetch() })
    const profile = await tablet.auth.signIn('vera', PASSWORD)
    expect(profile.municipalities.sort()).toEqual(['merksplas', 'ravels'])
  })

  it('marks admin accounts, and names each refusal of the server', async () => {
    const data = await coordinator()
    const accounts = await data.review.accounts.list()
    expect(accounts.find(a => a.name === 'beheer')?.admin).toBe(true)
    expect(accounts.find(a => a.name === 'cora')?.admin).toBe(false)

    expect(await refusal(data.review.accounts.setDisabled('beheer', true))).toBe('adminAccount')
    expect(await refusal(data.review.accounts.resetPassword('beheer', 'overgenomen-1'))).toBe('adminAccount')
    expect(await refusal(data.review.accounts.update({ name: 'cora', roles: ['volunteer'], municipalities: [] }))).toBe('ownAccount')
    expect(await refusal(data.review.accounts.setDisabled('cora', true))).toBe('ownAccount')
    // The screen never offers admin; a request that asks for it anyway is refused and named.
    expect(await refusal(data.review.accounts.create({ name: 'baas', roles: ['admin' as never], municipalities: [] }, 'baas-wachtwoord-1'))).toBe('roleNotGrantable')
  })

  it('says the server is out of reach when it is', async () => {
    const data = await coordinator()
    await server.down()
    try {
      expect(await refusal(data.review.accounts.list())).toBe('offline')
    }
    finally {
      await server.up()
    }
  })
})
