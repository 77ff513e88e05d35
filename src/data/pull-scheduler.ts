import type { Db } from './pouch'
import type { Replication } from './replication-leg'
import { backOff, classifyError, type LegState } from './sync-status'

/** One database the scheduler keeps current: server → tablet. */
export interface PullTarget {
  db: string
  local: Db
  remote: Db
}

export interface PullSchedulerOptions {
  /** How many databases pull (or are asked for news) at the same time. */
  slots: number
  /** How long a caught-up database waits before the server is asked again whether it changed. */
  pollMs: number
}

interface Entry extends PullTarget {
  state: LegState
  /** The server's sequence the last completed pull reached; unknown until the first one completes. */
  lastSeq?: string | number
  nextAt: number
  retryMs: number
  busy: boolean
}

type Changes = PouchDB.Core.Changes<object>

/**
 * Changes per pulled batch (PouchDB's default is 100). Each batch costs a `_changes` request and a
 * checkpoint on both sides besides its documents, so catching up nine databases takes about a
 * fifth fewer requests (245 → 190 for a new coordinator late in the e2e suite). Not part of the
 * replication id. Live pulls (three databases or fewer) keep 100.
 */
const BATCH_SIZE = 500

/**
 * Pulls for an account with more databases than the browser has connections to spare (a
 * coordinator reads nine; a browser opens six connections to one server). Live pulls would each
 * hold a long poll open, and every batch, push and sign-in would queue behind them. Instead each
 * database is pulled with a one-shot replication, `slots` at a time, until all have caught up;
 * afterwards each is asked every `pollMs` whether anything changed since its last pull (one
 * short `_changes` request with `limit=1`) and pulled again only when it did. Only the plain
 * replication protocol is used, so it works against CouchDB as well. A one-shot pull has the same
 * replication id (hence the same checkpoint) as a live pull with the same options: `live` is not
 * part of the id, so a tablet moving between the two resumes where it was.
 */
export class PullScheduler {
  private readonly entries: Entry[]
  private readonly running = new Set<Replication | Changes>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private cancelled = false

  constructor(targets: PullTarget[], private readonly onState: (db: string, state: LegState) => void, private readonly opts: PullSchedulerOptions) {
    this.entries = targets.map(t => ({ ...t, state: 'starting', nextAt: 0, retryMs: 0, busy: false }))
  }

  start(): void {
    this.pump()
  }

  states(): LegState[] {
    return this.entries.map(e => e.state)
  }

  /** Stops asking; returns what is still finishing (a cancelled pull ends its current request). */
  cancel(): Promise<unknown>[] {
    this.cancelled = true
    clearTimeout(this.timer)
    for (const r of this.running)
      r.cancel()
    return [...this.inFlight]
  }

  /** Starts whatever is due while slots are free, then sleeps until the next one is due. */
  private pump(): void {
    clearTimeout(this.timer)
    if (this.cancelled)
      return
    const now = Date.now()
    let busy = this.entries.filter(e => e.busy).length
    // Databases that never caught up go first; then whichever waited longest.
    const due = this.entries.filter(e => !e.busy && e.nextAt <= now)
      .sort((a, b) => Number(a.lastSeq !== undefined) - Number(b.lastSeq !== undefined) || a.nextAt - b.nextAt)
    for (const e of due.slice(0, Math.max(0, this.opts.slots - busy))) {
      busy += 1
      this.run(e)
    }
    const idle = this.entries.filter(e => !e.busy)
    // With every slot taken, the next pump comes when a pull finishes.
    if (idle.length > 0 && busy < this.opts.slots)
      this.timer = setTimeout(() => this.pump(), Math.max(0, Math.min(...idle.map(e => e.nextAt)) - now))
  }

  private run(e: Entry): void {
    e.busy = true
    const work = e.lastSeq === undefined ? this.pull(e) : this.changedSince(e).then(changed => changed ? this.pull(e) : undefined)
    const tracked = work.then(() => {
      // Also after "nothing new": the database is current as of now (the status shows since when),
      // and one that was offline is reachable again.
      if (e.lastSeq !== undefined)
        this.setState(e, 'idle', true)
      e.retryMs = 0
      e.nextAt = Date.now() + this.opts.pollMs
    }, (err: unknown) => {
      if (this.cancelled)
        return
      this.setState(e, classifyError(err))
      e.retryMs = backOff(e.retryMs)
      e.nextAt = Date.now() + e.retryMs
    }).finally(() => {
      e.busy = false
      this.inFlight.delete(tracked)
      this.pump()
    })
    this.inFlight.add(tracked)
  }

  private async changedSince(e: Entry): Promise<boolean> {
    const changes = e.remote.changes({ since: e.lastSeq, limit: 1 })
    this.running.add(changes)
    try {
      const res = await changes
      // A cancelled request answers without results: nothing to pull, the scheduler is stopping.
      return (res.results?.length ?? 0) > 0
    }
    finally {
      this.running.delete(changes)
    }
  }

  private pull(e: Entry): Promise<void> {
    // No `retry`: a failure ends this pull, and the scheduler retries it with the back-off.
    const rep = e.local.replicate.from(e.remote, { batch_size: BATCH_SIZE })
    this.running.add(rep)
    rep.on('active', () => this.setState(e, 'active'))
    return new Promise<void>((resolve, reject) => {
      rep.on('complete', (info) => {
        this.running.delete(rep)
        if (!this.cancelled && info.status !== 'cancelled')
          e.lastSeq = info.last_seq
        resolve()
      })
      rep.on('error', (err) => {
        this.running.delete(rep)
        reject(err)
      })
    })
  }

  private setState(e: Entry, state: LegState, again = false): void {
    if (this.cancelled || (e.state === state && !again))
      return
    e.state = state
    this.onState(e.db, state)
  }
}
