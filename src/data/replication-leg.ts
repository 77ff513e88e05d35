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

/**
 * One live replication, local → server (push) or server → local (pull), with PouchDB's own retry:
 * on a network error it pauses with the error and retries with `backOff`; only a 401/403 ends it.
 */
export function startLeg(local: Db, remote: Db, push: boolean, on: LegEvents): Replication {
  const opts = { live: true, retry: true, back_off_function: backOff }
  const rep = push ? local.replicate.to(remote, opts) : local.replicate.from(remote, opts)
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
