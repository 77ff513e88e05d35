import { describe, expect, it } from 'vitest'
import { aggregateState, backOff, classifyError } from '../../src/data/sync-status'

describe('sync status', () => {
  it('tells offline (no HTTP answer) from unauthorized and from server errors', () => {
    expect(classifyError(new TypeError('fetch failed'))).toBe('offline')
    expect(classifyError({ name: 'unknown_error' })).toBe('offline')
    expect(classifyError({ status: 401, name: 'unauthorized' })).toBe('unauthorized')
    expect(classifyError({ status: 500, name: 'internal' })).toBe('error')
  })

  it('is synced only when every replication is idle; the worst one wins otherwise', () => {
    expect(aggregateState(['idle', 'idle'], false)).toBe('synced')
    expect(aggregateState(['idle', 'active'], false)).toBe('syncing')
    expect(aggregateState(['starting', 'idle'], false)).toBe('syncing')
    expect(aggregateState(['idle', 'idle'], true)).toBe('offline')
    expect(aggregateState(['active', 'offline'], false)).toBe('offline')
    expect(aggregateState(['error', 'active'], false)).toBe('error')
    expect(aggregateState(['offline', 'unauthorized'], false)).toBe('unauthorized')
  })

  it('backs off from about a second, doubling, never beyond 30 s', () => {
    const delays: number[] = []
    let delay = 0
    for (let i = 0; i < 12; i++) {
      delay = backOff(delay)
      delays.push(delay)
    }
    expect(delays[0]).toBeGreaterThanOrEqual(800)
    expect(delays[0]).toBeLessThanOrEqual(1200)
    expect(delays[3]).toBeGreaterThan(delays[0]! * 4)
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000)
    expect(delays.at(-1)).toBeGreaterThanOrEqual(24_000)
  })
})
