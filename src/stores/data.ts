import type { AuthErrorCode, DataLayer } from '../data'

export type { AuthErrorCode, DataLayer, SessionFilter, SessionRow, SyncState, SyncStatus } from '../data'
export type { DeskConfig, DraftRecord, PersonRow } from '../data'

/*
 * The one place where the app gets its data layer. Stores ask for it here instead of importing
 * `src/data` themselves, so a test can hand in a data layer of its own (on a fresh IndexedDB
 * prefix) and the app starts exactly one.
 */
let current: DataLayer | null = null

/** Installs the data layer the stores use: the real one in `main.ts`, a fresh one per test. */
export function setDataLayer(dataLayer: DataLayer | null): void {
  current = dataLayer
}

/** The data layer installed with `setDataLayer`; a missing one is a wiring mistake, so it throws. */
export function useDataLayer(): DataLayer {
  if (!current)
    throw new Error('No data layer installed: call setDataLayer() before using the stores')
  return current
}

/** Reads the error code the data layer puts on a failed sign-in; anything else counts as a server problem. */
export function authErrorCode(error: unknown): AuthErrorCode {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'badCredentials' || code === 'offline' ? code : 'server'
}
