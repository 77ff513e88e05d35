import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createDataLayer } from '../../../../src/data'
import type { AuditEntry } from '../../../../src/data'
import AuditView from '../../../../src/features/audit/AuditView.vue'
import { intlTag } from '../../../../src/i18n/locale'
import { useAuthStore } from '../../../../src/stores/auth'
import { setDataLayer } from '../../../../src/stores/data'
import { ACCOUNTS, closeApps, eventually, setupApp } from '../../support/app'
import { fakeServer } from '../../support/fake-server'
import { button, byLabel } from '../../support/query'

afterEach(closeApps)

/** 120 entries, a minute apart: vera's help sessions, with every tenth one carla's resident. */
const TRAIL: AuditEntry[] = Array.from({ length: 120 }, (_, i) => {
  const seq = i + 1
  const person = seq % 10 === 0
  return {
    seq, at: new Date(Date.UTC(2026, 10, 28, 8, seq)).toISOString(), account: person ? 'carla' : 'vera',
    db: person ? 'dgb-residents' : 'dgb-m-arendonk', id: `${person ? 'person' : 'session'}:${String(seq).padStart(26, '0')}`,
    rev: `1-${seq}`, kind: person ? 'person' : 'help-session', action: 'create',
  }
})

/** The coordinator's tablet against a server whose audit endpoint filters and pages `TRAIL` like the real one. */
async function auditScreen(opts: { online?: boolean } = {}) {
  const app = setupApp()
  const base = fakeServer(ACCOUNTS)
  const asked: URLSearchParams[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input))
    if (url.pathname !== '/_digibalie/audit')
      return base.fetch(input, init)
    if (opts.online === false)
      throw new TypeError('Failed to fetch')
    const q = url.searchParams
    asked.push(q)
    const before = q.get('before') ? Number(q.get('before')) : Infinity
    const entries = TRAIL.filter(e => e.seq < before && (!q.get('account') || e.account === q.get('account'))
      && (!q.get('kind') || e.kind === q.get('kind')) && (!q.get('from') || e.at >= q.get('from')!) && (!q.get('to') || e.at < q.get('to')!))
      .reverse().slice(0, Number(q.get('limit')))
    return new Response(JSON.stringify({ entries, last_seq: entries.at(-1)?.seq ?? 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } })
  }
  const data = createDataLayer({ serverUrl: 'http://digibalie.test', fetch, localPrefix: `audit-${Math.random().toString(36).slice(2, 8)}-` })
  setDataLayer(data)
  expect(await useAuthStore().signIn('carla', 'geheim-carla')).toBeNull()
  await app.router.push('/logboek')
  const w = app.render(AuditView)
  return { w, asked, data }
}

const rows = (w: Awaited<ReturnType<typeof auditScreen>>['w']) => w.findAll('tbody tr').map(r => r.findAll('td').map(td => td.text()))

describe('the audit trail screen', () => {
  it('shows the newest 50 changes first, in Dutch, and pages to older and back to newer', async () => {
    const { w, data } = await auditScreen()
    await eventually(() => w.text(), 'Pagina 1: 50 regels.')
    expect(w.findAll('button').map(b => b.text())).not.toContain('Nieuwere')
    // The time in the tablet's own zone, as Intl writes it in Dutch.
    const newest = new Intl.DateTimeFormat(intlTag('nl'), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(TRAIL[119]!.at))
    expect(newest).toMatch(/^\d+ nov 2026/)
    expect(rows(w)[0]).toEqual([newest, 'carla', 'gemaakt', 'Inwoner', 'Inwoners', `person:${'120'.padStart(26, '0')}`])
    expect(rows(w)[1]!.slice(1, 5)).toEqual(['vera', 'gemaakt', 'Hulpvraag', 'Gemeente Arendonk'])
    await button(w, 'Oudere').trigger('click')
    await eventually(() => w.text(), 'Pagina 2: 50 regels.')
    expect(rows(w)[0]![5]).toBe(`person:${'70'.padStart(26, '0')}`)
    await button(w, 'Oudere').trigger('click')
    await eventually(() => w.text(), 'Pagina 3: 20 regels.')
    // The last page offers no older one, the first no newer one.
    expect(w.findAll('button').map(b => b.text())).not.toContain('Oudere')
    await button(w, 'Nieuwere').trigger('click')
    await eventually(() => w.text(), 'Pagina 2: 50 regels.')
    expect(rows(w)[0]![5]).toBe(`person:${'70'.padStart(26, '0')}`)
    await data.close()
  })

  it('filters by who, kind and days, sending local days as times to the server', async () => {
    const { w, asked, data } = await auditScreen()
    await eventually(() => w.text(), 'Pagina 1')
    await byLabel(w, 'Wie (naam van het account)').setValue('carla')
    await byLabel(w, 'Soort registratie').setValue('person')
    await byLabel(w, 'Van').setValue('2026-11-28')
    await byLabel(w, 'Tot en met').setValue('2026-11-28')
    await w.find('form').trigger('submit')
    await eventually(() => w.text(), 'Pagina 1: 12 regels.')
    expect(rows(w).every(r => r[1] === 'carla' && r[3] === 'Inwoner')).toBe(true)
    const q = asked.at(-1)!
    expect([q.get('account'), q.get('kind'), q.get('from'), q.get('to')]).toEqual(['carla', 'person', new Date(2026, 10, 28).toISOString(), new Date(2026, 10, 29).toISOString()])
    await button(w, 'Alles tonen').trigger('click')
    await eventually(() => w.text(), 'Pagina 1: 50 regels.')
    await byLabel(w, 'Van').setValue('2030-01-01')
    await w.find('form').trigger('submit')
    await eventually(() => w.text(), 'Niets gevonden met deze keuzes.')
    await data.close()
  })

  it('says the trail needs the network when the server cannot be reached', async () => {
    const { w, data } = await auditScreen({ online: false })
    await eventually(() => w.text(), 'Zonder netwerk kan je het niet bekijken.')
    expect(w.get('[role="alert"]').text()).toContain('Het logboek staat op de server.')
    expect(w.find('table').exists()).toBe(false)
    await flushPromises()
    await data.close()
  })
})
