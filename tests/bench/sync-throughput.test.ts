import { describe, expect, it } from 'vitest'
import { availableServers, ceilingLines, roundsPerSize, runSyncThroughput, syncTable } from '../../bench/sync-throughput'
import { pouchdbServerInstalled } from '../../bench/lib/servers'

// The quick form of the sync benchmark: proves it still runs against our server (and against
// pouchdb-server when bench/'s own dependencies are installed). Figures are not judged here.
describe('sync benchmark, quick form', () => {
  it('pushes and pulls 300 help sessions and prints figures for every server it has', async () => {
    const servers = availableServers()
    expect(servers[0]).toBe('sync-server')
    expect(servers.length).toBe(pouchdbServerInstalled() ? 4 : 2)
    expect(servers.at(-1)).toBe('client-alone')

    const results = await runSyncThroughput({ sizes: [300], servers })
    const ours = results.find(r => r.server === 'sync-server')!
    expect(ours.docs).toBe(300)
    expect(ours.pushDocsPerSecond).toBeGreaterThan(0)
    expect(ours.pullDocsPerSecond).toBeGreaterThan(0)
    expect(ours.peakRss).toBeGreaterThan(10 * 1024 * 1024)
    // The push's CPU split by thread adds up to the process's, to within four 10 ms ticks (each read
    // is cut down to whole ticks). The three figures are divided floats: exactly four ticks apart
    // came out 2e-13 over the bound once, so the bound has that much room.
    expect(ours.pushCpuMainMsPerThousand).toBeGreaterThan(0)
    expect(Math.abs(ours.pushCpuMainMsPerThousand + ours.pushCpuOtherMsPerThousand - ours.pushCpuMsPerThousand)).toBeLessThanOrEqual(4 * 10 * 1000 / 300 + 1e-9)
    expect(results.map(r => r.server)).toEqual(servers)

    // The client alone took every document without storing one, and has nothing to pull.
    const alone = results.find(r => r.server === 'client-alone')!
    expect(alone.pushDocsPerSecond).toBeGreaterThan(0)
    expect(Number.isNaN(alone.pullDocsPerSecond)).toBe(true)

    const text = syncTable(results)
    expect(text).toContain('sync-server')
    expect(text).toMatch(/client-alone .*—/)
    if (servers.length > 2)
      expect(text).toMatch(/pouchdb-server-disk .*×/)
    const [ceiling] = ceilingLines(results)
    expect(ceiling).toMatch(/^300: the client alone pushes [\d,]+ docs\/s, ours \d+\.\d\d× of that/)
    if (servers.length > 2)
      expect(ceiling).toMatch(/the most any server could reach: pouchdb-server-memory \d+\.\d\d× \(ours \d+\.\d\d×\), pouchdb-server-disk/)
  }, 60_000)
})

describe('rounds of the sync benchmark', () => {
  it('takes one count for every size, or one per size with the last repeated', () => {
    expect(roundsPerSize('2', [10_000, 100_000])).toEqual([2, 2])
    expect(roundsPerSize('3,1', [10_000, 100_000])).toEqual([3, 1])
    expect(roundsPerSize('3, 1', [1_000, 10_000, 100_000])).toEqual([3, 1, 1])
    expect(roundsPerSize('3,1', [300])).toEqual([3])
  })

  it('refuses what is not a whole count of at least one', () => {
    for (const spec of ['0', '-1', '1.5', 'x', '3,,1', ''])
      expect(() => roundsPerSize(spec, [10_000])).toThrow(/--rounds/)
  })
})
