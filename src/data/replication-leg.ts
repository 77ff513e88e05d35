import type { PushedDoc } from './outbox'
import type { Db } from './pouch'
import { backOff, classifyError, type LegState } from './sync-status'

/** What one replication reports to the controller. */
export interface LegEvents {
  state(state: LegState): void
  /** Push went idle without error: everything it could send is sent. */
  pushIdle(): void
  /** Push wrote these revisions to the server. */
  pushed(docs: PushedDoc[]): void
  /** The server refused this document (a per-document 403 from `_bulk_docs`). */
  denied(id: string, reason: string): void
}

export type Replication = PouchDB.Replication.Replication<object>

/** Who the push runs as: the sync identity, the account whose cookie the browser holds. */
export interface PushAs {
  name: string
  /** Coordinators may send anyone's records, so their push is not filtered. */
  coordinator: boolean
}

/**
 * The server accepts a new record only from the account named in its `createdBy` (coordinators
 * excepted), so a push sends the identity's own records and every tombstone; other people's
 * records wait on the tablet until they sign in online themselves. The name travels in
 * `query_params`, which PouchDB folds into the replication id: each identity gets its own
 * checkpoint. With one shared checkpoint a filtered push would move past other people's records
 * and never send them.
 */
function pushFilter(doc: { _deleted?: boolean, createdBy?: unknown }, req: { query: { by?: string } }): boolean {
  return doc._deleted === true || doc.createdBy === req.query.by
}
// PouchDB hashes the filter's source text into the replication id. A minifier rewrites that text
// differently in every build, which would give each new app version new replication ids and
// restart every tablet's push from sequence zero. Pinned to a constant, the id only changes when
// this string does.
pushFilter.toString = () => 'function pushFilter(doc, req) { return doc._deleted === true || doc.createdBy === req.query.by }'

/**
 * A browser opens at most six connections to one server. Each live pull holds one open in a long
 * poll, so a tablet pulls live only up to this many databases, leaving connections for pushes,
 * sign-in and the rest. An account with more (a coordinator reads nine) pulls through the
 * `PullScheduler` instead, this many databases at a time.
 */
export const LIVE_PULLS_WITHOUT_QUEUEING = 3
/**
 * How often a scheduled (not live) pull asks the server whether a caught-up database changed:
 * one small request per database, so a coordinator sees another tablet's record within a few
 * seconds.
 */
export const PULL_POLL_MS = 3_000

/**
 * One live replication, local → server (push) or server → local (pull), with PouchDB's own retry:
 * on a network error it pauses with the error and retries with `backOff`; only a 401/403 ends it.
 */
export function startLeg(local: Db, remote: Db, push: boolean, on: LegEvents, as?: PushAs): Replication {
  const opts = { live: true, retry: true, back_off_function: backOff }
  const filtered = as && !as.coordinator ? { filter: pushFilter, query_params: { by: as.name } } : {}
  const rep = push ? local.replicate.to(remote, { ...opts, ...filtered }) : local.replicate.from(remote, opts)
  // Ids the server refused in the batch being written: PouchDB emits `denied` for each of them
  // and then a `change` whose `docs` still lists them, so they must not be reported as pushed.
  const denied = new Set<string>()

  rep.on('active', () => on.state('active'))
  rep.on('paused', (err) => {
    denied.clear()
    on.state(err ? classifyError(err) : 'idle')
    if (!err && push)
      on.pushIdle()
  })
  rep.on('denied', (err) => {
    const e = err as { id?: string, reason?: string, message?: string }
    if (!push || !e.id)
      return
    denied.add(e.id)
    on.denied(e.id, e.reason ?? e.message ?? 'forbidden')
  })
  rep.on('change', (info) => {
    if (!push)
      return
    const docs = (info.docs as PushedDoc[]).filter(d => !denied.has(d._id))
    denied.clear()
    on.pushed(docs)
  })
  // With `retry`, a live replication only ends on a fatal error: 401 or 403.
  rep.on('error', (err) => {
    const state = classifyError(err)
    on.state(state === 'offline' ? 'error' : state)
  })
  return rep
}
