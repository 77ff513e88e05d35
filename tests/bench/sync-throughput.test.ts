import { describe, expect, it } from 'vitest'
import { availableServers, runSyncThroughput, syncTable } from '../../bench/sync-throughput'
import { pouchdbServerInstalled } from '../../bench/lib/servers'

// The quick form of the sync benchmark: proves it still runs against our server (and against
// pouchdb-server when bench/'s own dependencies are installed). Figures are not judged here.
describe('sync benchmark, quick form', () => {
  it('pushes and pulls 300 help sessions and prints figures for every server it has', async () => {
    const servers = availableServers()
    expect(servers[0]).toBe('sync-server')
    expect(servers.length).toBe(pouchdbServerInstalled() ? 3 : 1)

    const results = await runSyncThroughput({ sizes: [300], servers })
    const ours = results.find(r => r.server === 'sync-server')!
    expect(ours.docs).toBe(300)
    expect(ours.pushDocsPerSecond).toBeGreaterThan(0)
    expect(ours.pullDocsPerSecond).toBeGreaterThan(0)
    expect(ours.peakRss).toBeGreaterThan(10 * 1024 * 1024)
    // The push's CPU split by thread adds up to the process's (each read rounds to 10 ms ticks).
    expect(ours.pushCpuMainMsPerThousand).toBeGreaterThan(0)
    expect(Math.abs(ours.pushCpuMainMsPerThousand + ours.pushCpuOtherMsPerThousand - ours.pushCpuMsPerThousand)).toBeLessThanOrEqual(4 * 10 * 1000 / 300)
    expect(results.map(r => r.server)).toEqual(servers)

    const text = syncTable(results)
    expect(text).toContain('sync-server')
    if (servers.length > 1)
      expect(text).toMatch(/pouchdb-server-disk .*×/)
  }, 60_000)
})
