import type { AuthErrorCode, DataLayer } from '../data'
import { noteDraft } from '../start-snapshot'

export type { AuthErrorCode, DataLayer, SessionFilter, SessionRow, SyncState, SyncStatus } from '../data'
export type { DeskConfig, DraftRecord, PersonRow } from '../data'

/*
 * The one place where the app gets its data layer. Stores ask for it here instead of importing
 * `src/data` themselves, so a test can hand in a data layer of its own (on a fresh IndexedDB
 * prefix) and the app starts exactly one.
 */
let current: DataLayer | null = null
/** What waits for the data layer: at a cold start the form shows before it has loaded (`main.ts`). */
let waiting: Array<(dataLayer: DataLayer) => void> = []

let stopNotingDrafts: (() => void) | null = null

/** Installs the data layer the stores use: the real one in `main.ts`, a fresh one per test. */
export function setDataLayer(dataLayer: DataLayer | null): void {
  stopNotingDrafts?.()
  stopNotingDrafts = null
  current = dataLayer
  if (!dataLayer)
    return
  // Which drafts the tablet keeps goes next to the start snapshot: a cold start with one skips the kept form.
  stopNotingDrafts = dataLayer.drafts.onKept(noteDraft)
  const run = waiting
  waiting = []
  for (const fn of run) fn(dataLayer)
}

let load: (() => void) | null = null

/** How the app loads its data layer when something first needs it (`main.ts`); tests install one directly. */
export function loadDataLayerWith(loader: (() => void) | null): void {
  load = loader
}

/** The data layer, now or once installed: a save pressed before it has loaded waits for it. */
export function whenDataLayer(): Promise<DataLayer> {
  if (current)
    return Promise.resolve(current)
  load?.()
  return new Promise(resolve => waiting.push(resolve))
}

/** Starts a live follow now, or once the data layer is installed; the returned stop works either way. */
export function followDataLayer(start: (dataLayer: DataLayer) => () => void): () => void {
  if (current)
    return start(current)
  let stopped = false
  let stop: (() => void) | null = null
  load?.()
  waiting.push((dataLayer) => {
    if (!stopped)
      stop = start(dataLayer)
  })
  return () => {
    stopped = true
    stop?.()
  }
}

/** The data layer installed with `setDataLayer`; a missing one is a wiring mistake, so it throws. */
export function useDataLayer(): DataLayer {
  if (!current)
    throw new Error('No data layer installed: call setDataLayer() before using the stores')
  return current
}

/**
 * The code a data-layer error carries, read without importing its class: a value import from
 * `src/data` would put the data layer's chunk in front of every page (see build/chunks.ts).
 */
export function errorCodeOf<C extends string>(error: unknown, codes: readonly C[], otherwise: C): C {
  const code = (error as { code?: unknown } | null)?.code
  return codes.find(c => c === code) ?? otherwise
}

/** Reads the error code the data layer puts on a failed sign-in; anything else counts as a server problem. */
export function authErrorCode(error: unknown): AuthErrorCode {
  return errorCodeOf<AuthErrorCode>(error, ['badCredentials', 'offline'], 'server')
}
