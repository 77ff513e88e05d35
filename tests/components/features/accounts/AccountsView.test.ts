import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createDataLayer, type DataLayer } from '../../../../src/data'
import AccountsView from '../../../../src/features/accounts/AccountsView.vue'
import { useAuthStore } from '../../../../src/stores/auth'
import { setDataLayer } from '../../../../src/stores/data'
import { makeTabletReport } from '../../../factories/tablet-report'
import { ACCOUNTS, closeApps, eventually, setupApp } from '../../support/app'
import { fakeServer } from '../../support/fake-server'

const layers: DataLayer[] = []
afterEach(async () => {
  await closeApps()
  await Promise.all(layers.splice(0).map(d => d.close()))
})

const PREFIX = 'org.couchdb.user:'
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

/**
 * The accounts screen of coordinator carla against a server that keeps `_users` in memory and
 * refuses, with the sync-server's own English reasons, what the sync-server refuses.
 */
async function accountsScreen(reports = [makeTabletReport()], refuse?: string) {
  const app = setupApp()
  const users = new Map<string, Record<string, unknown>>([
    ['carla', { name: 'carla', type: 'user', roles: ['coordinator'] }],
    ['beheer', { name: 'beheer', type: 'user', roles: ['_admin'] }],
    ['vera', { name: 'vera', type: 'user', roles: ['volunteer', 'm:arendonk'] }],
  ])
  const puts: Array<Record<string, unknown>> = []
  const base = fakeServer(ACCOUNTS)
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input))
    const method = init?.method ?? 'GET'
    if (url.pathname === '/_users/_all_docs')
      return json(200, { rows: [...users.values()].map(doc => ({ id: PREFIX + String(doc.name), doc: { _id: PREFIX + String(doc.name), ...doc } })) })
    if (url.pathname.startsWith('/_users/')) {
      const name = decodeURIComponent(url.pathname.slice('/_users/'.length)).slice(PREFIX.length)
      if (method === 'GET')
        return users.has(name) ? json(200, { _id: PREFIX + name, _rev: '1-a', ...users.get(name) }) : json(404, { error: 'not_found' })
      const doc = JSON.parse(String(init?.body)) as Record<string, unknown>
      puts.push(doc)
      if (refuse !== undefined)
        return json(403, { error: 'forbidden', reason: refuse })
      users.set(name, doc)
      return json(201, { ok: true })
    }
    if (url.pathname === '/_digibalie/tablets')
      return json(200, { tablets: [{ account: 'vera', lastSyncAt: '2025-03-10T10:42:00.000Z', docsPushed: 4, databases: [] }], reports })
    return base.fetch(input, init)
  }
  const data = createDataLayer({ serverUrl: 'http://digibalie.test', fetch, localPrefix: `accounts-${Math.random().toString(36).slice(2, 8)}-` })
  layers.push(data)
  setDataLayer(data)
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  const w = app.render(AccountsView)
  await eventually(() => w.text(), 'vera')
  return { w, puts, data }
}

function row(w: VueWrapper, name: string) {
  const found = w.findAll('table.accounts tbody tr').find(r => r.find('th').text().startsWith(name))
  if (!found)
    throw new Error(`no row ${name}`)
  return found
}

function rowButton(w: VueWrapper, name: string, label: string) {
  const found = row(w, name).findAll('button').find(b => b.text() === label)
  if (!found)
    throw new Error(`no button ${label} for ${name}`)
  return found
}

describe('the accounts screen', () => {
  it('shows an admin account read-only, and offers no role or disable change on one\'s own account', async () => {
    const { w } = await accountsScreen()
    const admin = row(w, 'beheer')
    expect(admin.text()).toContain('Beheerder: alleen een beheerder kan dit account wijzigen')
    expect(admin.findAll('button')).toHaveLength(0)
    expect(row(w, 'carla').findAll('button').map(b => b.text())).toEqual(['Nieuw wachtwoord'])
    expect(row(w, 'vera').findAll('button').map(b => b.text())).toEqual(['Nieuw wachtwoord', 'Rollen en gemeenten', 'Uitschakelen'])
  })

  it('changes the roles and municipalities of an account from a dialog', async () => {
    const { w, puts } = await accountsScreen()
    await rowButton(w, 'vera', 'Rollen en gemeenten').trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    expect(dialog.find('h2').text()).toBe('Rollen en gemeenten van vera')
    const check = (label: string) => dialog.findAll('label').find(l => l.text() === label)!.find('input')
    expect((check('Vrijwilliger').element as HTMLInputElement).checked).toBe(true)
    expect((check('Arendonk').element as HTMLInputElement).checked).toBe(true)
    // Admin is never offered.
    expect(dialog.text()).not.toContain('Beheerder')
    await check('Lesgever').setValue(true)
    await check('Arendonk').setValue(false)
    await check('Ravels').setValue(true)
    await dialog.find('form').trigger('submit')
    await eventually(() => w.find('[role="status"]').text(), 'De rollen en gemeenten van vera zijn gewijzigd.')
    expect(puts.at(-1)?.roles).toEqual(['volunteer', 'trainer', 'm:ravels'])
    expect(row(w, 'vera').text()).toContain('Vrijwilliger, Lesgever')
    expect(row(w, 'vera').text()).toContain('Ravels')
  })

  it('asks for at least one role before saving', async () => {
    const { w, puts } = await accountsScreen()
    await rowButton(w, 'vera', 'Rollen en gemeenten').trigger('click')
    await flushPromises()
    const dialog = w.find('dialog')
    await dialog.findAll('label').find(l => l.text() === 'Vrijwilliger')!.find('input').setValue(false)
    await dialog.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[role="alert"]').text()).toBe('Kies minstens één rol.')
    expect(puts).toEqual([])
  })

  it('words a refusal of the server in Dutch, not in the server\'s English', async () => {
    const reason = 'coordinators may grant only the roles volunteer, trainer, lender, coordinator and municipalities (m:<municipality>)'
    const { w, puts } = await accountsScreen([], reason)
    await rowButton(w, 'vera', 'Uitschakelen').trigger('click')
    await eventually(() => w.find('[role="status"]').text(), 'Niet gelukt: u kunt alleen de rollen vrijwilliger, lesgever, uitlening en coördinator geven.')
    expect(puts).toHaveLength(1)
    expect(w.text()).not.toContain('coordinators may grant')
    expect(row(w, 'vera').text()).not.toContain('Uitgeschakeld')
  })

  it('lists tablets by longest silence, flags three days without sync, and shows what each still holds', async () => {
    const now = Date.now()
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString()
    const { w } = await accountsScreen([
      makeTabletReport({ name: 'Bib Arendonk', unsynced: 3, lastSyncedAt: at(0) }),
      makeTabletReport({ name: 'Zaal Ravels', location: 'loc-ravels-gc', unsynced: 0, lastSyncedAt: at(4) }),
      makeTabletReport({ name: null, location: null, unsynced: 1, lastSyncedAt: null }),
    ])
    await eventually(() => w.text(), 'Bib Arendonk')
    const rows = w.findAll('table.tablets tbody tr')
    expect(rows.map(r => r.find('th').text())).toEqual(['Tablet zonder naam', 'Zaal Ravels', 'Bib Arendonk'])
    expect(rows[0]!.text()).toContain('Nog nooit gesynchroniseerd')
    expect(rows[1]!.attributes('data-stale')).toBe('true')
    expect(rows[1]!.text()).toContain('Al 4 dagen niet gesynchroniseerd')
    expect(rows[1]!.text()).toContain('alles gesynchroniseerd')
    expect(rows[2]!.attributes('data-stale')).toBeUndefined()
    expect(rows[2]!.text()).toContain('3 niet gesynchroniseerd')
    expect(rows[2]!.text()).toContain('Bibliotheek')
  })
})
