import type { SyncState } from './types'

/** Where one replication (one database, one direction) stands. */
export type LegState = 'starting' | 'active' | 'idle' | 'offline' | 'unauthorized' | 'error'

/**
 * What an error from PouchDB replication means for the user. PouchDB copies the HTTP status onto
 * its errors; an error without one never got an HTTP answer (fetch failed), i.e. we are offline.
 */
export function classifyError(err: unknown): LegState {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined
  if (status === 401)
    return 'unauthorized'
  return typeof status === 'number' && status > 0 ? 'error' : 'offline'
}

/** One state for the whole device: the worst leg wins, and only all-idle is "synced". */
export function aggregateState(legs: readonly LegState[], browserOffline: boolean): SyncState {
  if (legs.includes('unauthorized'))
    return 'unauthorized'
  if (browserOffline || legs.includes('offline'))
    return 'offline'
  if (legs.includes('error'))
    return 'error'
  if (legs.some(l => l === 'starting' || l === 'active'))
    return 'syncing'
  return 'synced'
}

/**
 * Retry delay after a failed request: 1 s, doubling, at most 30 s, with some jitter so that
 * tablets that lost the network together do not all come back in the same second.
 */
export function backOff(previous: number): number {
  const next = previous === 0 ? 1000 : Math.min(previous * 2, 30_000)
  return Math.min(30_000, Math.round(next * (0.8 + Math.random() * 0.4)))
}
