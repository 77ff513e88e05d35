import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { busyShare, parseCpuTicks, waitForQuiet } from '../../bench/lib/quiet'

describe('waiting for a quiet machine before a timed start', () => {
  it('reads the CPU counters of all cores, idle and iowait as quiet', () => {
    const stat = 'cpu  100 5 50 800 45 0 0 0 0 0\ncpu0 50 2 25 400 20 0 0 0 0 0\nintr 1 2 3\n'
    expect(parseCpuTicks(stat)).toEqual({ busy: 155, total: 1000 })
    expect(parseCpuTicks('intr 1 2 3\n')).toBeNull()
    expect(parseCpuTicks('cpu  1 2 x 4 5\n')).toBeNull()
  })

  it('gives the busy share between two readings', () => {
    expect(busyShare({ busy: 155, total: 1000 }, { busy: 205, total: 1200 })).toBe(0.25)
    expect(busyShare({ busy: 155, total: 1000 }, { busy: 155, total: 1000 })).toBe(0)
  })

  it('waits until the machine is quiet, and gives up after its limit when it is not', async () => {
    // A busy loop in this process keeps one core busy: at least half a core's share of the machine.
    const limit = 0.5 / availableParallelism()
    const started = Date.now()
    let spin = true
    const spinning = (async () => {
      while (spin) {
        const end = Date.now() + 40
        while (Date.now() < end) { /* busy */ }
        await new Promise(resolve => setImmediate(resolve))
      }
    })()
    const share = await waitForQuiet({ windowMs: 100, maxBusy: limit, giveUpMs: 600 })
    spin = false
    await spinning
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
    expect(share).toBeGreaterThan(limit)
  })
})
