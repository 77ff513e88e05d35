import { describe, expect, it } from 'vitest'
import { pouchdbServerInstalled } from '../../bench/lib/servers'
import { loadTable, runServerLoad } from '../../bench/server-load'

// The quick form of the server-under-load benchmark: live-syncing clients against our server (and
// against pouchdb-server when bench/'s own dependencies are installed). Figures are not judged here.
describe('server-under-load benchmark, quick form', () => {
  it('runs live-syncing clients that write and read each other\'s sessions, and prints their figures', async () => {
    const servers = pouchdbServerInstalled() ? ['sync-server', 'pouchdb-server-disk'] as const : ['sync-server'] as const
    const results = await runServerLoad({ servers: [...servers], clients: 4, seconds: 3 })
    expect(results.map(r => r.server)).toEqual([...servers])
    const ours = results[0]!
    expect(ours.clients).toBe(4)
    expect(ours.writesPerSecond).toBeGreaterThan(0)
    // Every client pulls the others' sessions: reads are what reached another tablet.
    expect(ours.readsPerSecond).toBeGreaterThan(0)
    expect(ours.bulkDocs.count).toBeGreaterThan(0)
    expect(ours.bulkDocs.p99).toBeGreaterThanOrEqual(ours.bulkDocs.p50)
    expect(ours.changes.count).toBeGreaterThan(0)
    expect(ours.errors).toBe(0)
    expect(ours.peakRss).toBeGreaterThan(10 * 1024 * 1024)
    expect(ours.cpuSeconds).toBeGreaterThan(0)

    const text = loadTable(results)
    expect(text).toMatch(/^sync-server +\d/m)
    if (servers.length > 1)
      expect(text).toMatch(/pouchdb-server-disk .*\d+\.\d\d× +\d+\.\d\d×/)
  }, 60_000)
})
