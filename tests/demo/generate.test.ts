import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkWrite, distinctResidents, foldDeviceEvents, type Contact, type DeviceEventFact } from '../../src/domain'
import { startServer } from '../../sync-server/server'
import { generateDemo } from '../../demo/generate'
import { loadDemo } from '../../demo/load'

const small = { seed: 7, to: '2026-11-28', residents: 120, sessions: 600, devices: 12, courses: 6 }
const coordinator = { name: 'demo-check', roles: ['coordinator'] }

describe('demo data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = JSON.stringify([...generateDemo(small).databases])
    expect(JSON.stringify([...generateDemo(small).databases])).toBe(a)
    expect(JSON.stringify([...generateDemo({ ...small, seed: 8 }).databases])).not.toBe(a)
  })

  it('passes the domain write rules record by record, in the database it belongs to', () => {
    const data = generateDemo(small)
    let count = 0
    for (const [db, docs] of data.databases) {
      for (const doc of docs as Array<{ _id: string }>) {
        expect(checkWrite(db, doc, null, coordinator), `${db} ${doc._id}`).toBeNull()
        count += 1
      }
    }
    expect(count).toBeGreaterThan(small.sessions + small.residents)
  })

  it('has the requested size, anonymous walk-ins, and device histories without anomalies', () => {
    const data = generateDemo(small)
    const all = [...data.databases.values()].flat() as Array<Record<string, unknown>>
    const sessions = all.filter(d => d.kind === 'help-session')
    expect(sessions).toHaveLength(small.sessions)
    expect(all.filter(d => d.kind === 'person')).toHaveLength(small.residents)
    const anonymous = sessions.filter(s => s.anonymous === true).length
    expect(anonymous / sessions.length).toBeGreaterThan(0.08)
    expect(anonymous / sessions.length).toBeLessThan(0.25)

    const contacts: Contact[] = sessions.map(s => ({ personId: s.personId as string | undefined, municipality: String(s.municipality), service: 'desk', day: String(s.startedAt).slice(0, 10) }))
    expect(distinctResidents(contacts, { from: '2025-01-01', to: '2026-12-31' })).toBeGreaterThan(small.residents * 0.9)

    const byDevice = new Map<string, DeviceEventFact[]>()
    for (const e of all.filter(d => d.kind === 'device-event'))
      byDevice.set(String(e.assetTag), [...(byDevice.get(String(e.assetTag)) ?? []), { id: String(e._id), type: e.type as DeviceEventFact['type'], at: String(e.at), ...(e.loanId ? { loanId: String(e.loanId) } : {}) }])
    expect(byDevice.size).toBe(small.devices)
    for (const [tag, events] of byDevice)
      expect(foldDeviceEvents(events).anomalies, tag).toEqual([])
    expect(all.filter(d => d.kind === 'loan').length).toBeGreaterThan(small.devices / 2)
    expect(all.filter(d => d.kind === 'attendance').length).toBeGreaterThan(0)
  })

  describe('loaded into a real sync-server', () => {
    let dataDir: string
    let server: Awaited<ReturnType<typeof startServer>>
    const admin = { user: 'admin', password: 'demo-test-admin-password' }

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'digibalie-demo-'))
      server = await startServer({ port: 0, dataDir, adminUser: admin.user, adminPassword: admin.password, log: () => {} })
    })

    afterAll(async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('writes every record, and refuses to fill the same server twice', async () => {
      // Two accounts are enough here: each costs a slow password hash on the server.
      const generated = generateDemo(small)
      const data = { ...generated, accounts: generated.accounts.slice(0, 2) }
      const written = await loadDemo(data, { url: server.url, user: admin.user, password: admin.password, staffPassword: 'demo-password' })
      for (const [db, docs] of data.databases)
        expect(written[db], db).toBe(docs.length)
      const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`
      const info = await (await fetch(`${server.url}/dgb-residents`, { headers: { Authorization: auth } })).json() as { doc_count: number }
      expect(info.doc_count).toBe(small.residents)
      await expect(loadDemo(data, { url: server.url, user: admin.user, password: admin.password, staffPassword: 'demo-password' })).rejects.toThrow(/fresh server/)
    })
  })
})
