import { liveQuery, type Subscription } from 'dexie'
import { databasesFor, isCoordinator, type StaffProfile } from '../domain'
import type { Outbox } from './outbox'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
import type { OutboxEntry, ReadModel } from './read-model'
import { PullScheduler } from './pull-scheduler'
import { LIVE_PULLS_WITHOUT_QUEUEING, PULL_POLL_MS, startLeg, type Replication } from './replication-leg'
import { summarise, type UnsyncedRecords } from './staff-unsynced'
import { aggregateState, type LegState } from './sync-status'
import type { SyncStatus } from './types'

/** How long outbox changes gather before the sync status reads them (see `outboxChanged`). */
const OUTBOX_READ_MS = 50

interface Leg {
  db: string
  push: boolean
  rep: Replication
  state: LegState
}

export interface ReplicationDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  outbox: Outbox
  unsynced: UnsyncedRecords
}

/**
 * Live two-way replication of every database the sync identity (the account whose cookie the
 * browser holds) may read. It keeps running while the tablet is locked and when someone else
 * unlocks it: the identity only changes with an online sign-in. Push and pull run as
 * two replications per database rather than one `sync()`, because `sync()` drops the error from
 * its `paused` event, and that error is how "offline" differs from "all synced".
 */
export class ReplicationController {
  private legs: Leg[] = []
  /** Pulls of an account with more databases than live pulls the browser can hold open. */
  private pulls: PullScheduler | null = null
  private profile: StaffProfile | null = null
  private running = false
  private browserOffline = false
  private current: SyncStatus = { state: 'stopped', pending: 0, lastSyncedAt: null, refused: [], waiting: [] }
  /** The outbox as last read, by id: kept up to date entry by entry (see `followOutbox`). */
  private readonly entries = new Map<string, OutboxEntry>()
  private waitingRound = 0
  private readonly listeners = new Set<(s: SyncStatus) => void>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly outboxWatch: Subscription
  private readonly unfollowOutbox: () => void
  /** Outbox ids changed since the last read (`null`: read everything), and the read's timer. */
  private changedIds: Set<string> | null = null
  private outboxRead: ReturnType<typeof setTimeout> | undefined
  private outboxCount = 0

  constructor(private readonly deps: ReplicationDeps) {
    // Pending and refused counts come from the outbox, whoever changes it (repository or push).
    // Re-reading every entry (and looking up each author) after every save cost each save more the
    // longer the tablet was offline; this tab's writes say which entries they touched, so only
    // those are read again, a moment later, off the save's path. Another tab of this tablet writes
    // the same outbox without telling: a count that differs from what is known reads everything.
    this.unfollowOutbox = deps.outbox.onChange((ids, written) => {
      for (const w of written ?? [])
        deps.unsynced.remember(w.id, w.rev, w.author)
      this.outboxChanged(ids)
    })
    this.outboxWatch = liveQuery(() => deps.rm.outbox.count()).subscribe({
      next: (count) => {
        this.outboxCount = count
        this.outboxChanged([])
      },
      error: err => console.error('outbox query failed', err),
    })
    this.outboxChanged(null)
    this.track(deps.rm.syncMeta.get('lastSyncedAt').then((meta) => {
      if (meta && this.current.lastSyncedAt === null)
        this.set({ lastSyncedAt: meta.value })
    }))
  }

  status(): SyncStatus {
    return this.current
  }

  onStatus(cb: (s: SyncStatus) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  start(profile: StaffProfile): void {
    this.cancelLegs()
    this.profile = profile
    this.track(this.updateWaiting())
    this.running = true
    this.listenToBrowser(true)
    const databases = databasesFor(profile)
    const scheduled = databases.length > LIVE_PULLS_WITHOUT_QUEUEING
    for (const db of databases) {
      this.deps.projector.follow(db)
      // A live push holds no connection while nothing waits to go up, so pushes stay live.
      this.legs.push(this.startLeg(db, true))
      if (!scheduled)
        this.legs.push(this.startLeg(db, false))
    }
    if (scheduled)
      this.startPulls(databases)
    this.update()
  }

  /** Starts again with a fresh back-off: after a sign-in, or when the browser is back online. */
  restart(profile: StaffProfile | null = this.profile): void {
    if (profile && (this.running || this.current.state === 'unauthorized'))
      this.start(profile)
  }

  async stop(): Promise<void> {
    this.running = false
    this.listenToBrowser(false)
    const reps = this.cancelLegs()
    this.set({ state: 'stopped' })
    // Cancelled replications finish their current request; do not wait forever for a dead socket.
    let timer: ReturnType<typeof setTimeout> | undefined
    const giveUp = new Promise((resolve) => {
      timer = setTimeout(resolve, 5000)
    })
    await Promise.race([Promise.allSettled(reps), giveUp])
    clearTimeout(timer)
    await Promise.allSettled([...this.inFlight])
  }

  async close(): Promise<void> {
    await this.stop()
    this.outboxWatch.unsubscribe()
    this.unfollowOutbox()
    clearTimeout(this.outboxRead)
    this.listeners.clear()
  }

  private startLeg(db: string, push: boolean): Leg {
    const { pouch, outbox } = this.deps
    const local = pouch.local(db)
    const remote = pouch.remote(db)
    const leg = { db, push, state: 'starting' } as Leg
    // Events of a leg that was cancelled (restart, stop) must not touch the current status.
    const mine = () => this.legs.includes(leg)
    leg.rep = startLeg(local, remote, push, {
      state: state => mine() && this.setLeg(leg, state),
      pushIdle: () => mine() && this.track(outbox.reconcile(db, local, remote)),
      pushed: docs => this.track(outbox.pushed(docs)),
      denied: (id, reason) => this.track(outbox.refuse(id, db, null, reason)),
    }, this.profile ? { name: this.profile.name, coordinator: isCoordinator(this.profile) } : undefined)
    return leg
  }

  private startPulls(databases: string[]): void {
    const { pouch } = this.deps
    const targets = databases.map(db => ({ db, local: pouch.local(db), remote: pouch.remote(db) }))
    const pulls = new PullScheduler(targets, (_db, state) => {
      if (this.pulls === pulls)
        this.setLeg(null, state)
    }, { slots: LIVE_PULLS_WITHOUT_QUEUEING, pollMs: PULL_POLL_MS })
    this.pulls = pulls
    pulls.start()
  }

  /**
   * Notes outbox ids to read again (`null`: all) and reads them a moment later: a save's own
   * bookkeeping never competes with it, and a burst of changes (a push of 100) is one read.
   * It may be called inside the writer's Dexie transaction, so it only notes and sets a timer.
   */
  private outboxChanged(ids: readonly string[] | null): void {
    if (ids === null)
      this.changedIds = null
    else
      ids.forEach(id => this.changedIds?.add(id))
    this.outboxRead ??= setTimeout(() => {
      this.outboxRead = undefined
      const ids = this.changedIds
      this.changedIds = new Set()
      this.track(this.readOutbox(ids))
    }, OUTBOX_READ_MS)
  }

  private async readOutbox(ids: Set<string> | null): Promise<void> {
    const { outbox } = this.deps.rm
    if (ids === null) {
      this.entries.clear()
      for (const entry of await outbox.toArray())
        this.entries.set(entry.id, entry)
    }
    else if (ids.size > 0) {
      const found = await outbox.bulkGet([...ids])
      for (const [i, id] of [...ids].entries()) {
        const entry = found[i]
        if (entry)
          this.entries.set(id, entry)
        else
          this.entries.delete(id)
      }
    }
    // Written by another tab (or counted between two of this tab's writes): read everything.
    if (ids !== null && this.entries.size !== this.outboxCount && this.entries.size !== await outbox.count()) {
      this.outboxChanged(null)
      return
    }
    const refused = [...this.entries.values()].flatMap(e => e.refusedReason === undefined ? [] : [{ id: e.id, reason: e.refusedReason }])
    this.set({ pending: this.entries.size - refused.length, refused })
    await this.updateWaiting()
  }

  /**
   * Records by someone other than the identity are not pushed (the server would refuse them):
   * they wait for their author's next online sign-in, and the status says for whom.
   */
  private async updateWaiting(): Promise<void> {
    const round = ++this.waitingRound
    const identity = this.profile
    const pending = [...this.entries.values()].filter(e => e.refusedReason === undefined)
    const records = identity && isCoordinator(identity) ? [] : await this.deps.unsynced.describe(pending)
    if (round !== this.waitingRound)
      return
    const others = records.filter(r => r.author !== null && r.author !== identity?.name)
    this.set({ waiting: summarise(others).byAuthor })
  }

  /** A leg's new state; `null` for the scheduled pulls, which keep their own states. */
  private setLeg(leg: Leg | null, state: LegState): void {
    if (leg)
      leg.state = state
    if (state === 'active' || state === 'idle')
      this.browserOffline = false
    if (state === 'unauthorized') {
      // The cookie is gone or expired; retrying cannot help until someone signs in again.
      this.running = false
      this.cancelLegs()
      this.set({ state: 'unauthorized' })
      return
    }
    this.update()
  }

  private update(): void {
    if (!this.running) {
      if (this.current.state !== 'unauthorized')
        this.set({ state: 'stopped' })
      return
    }
    const state = aggregateState([...this.legs.map(l => l.state), ...this.pulls?.states() ?? []], this.browserOffline)
    if (state === 'synced') {
      const lastSyncedAt = new Date().toISOString()
      this.track(this.deps.rm.syncMeta.put({ key: 'lastSyncedAt', value: lastSyncedAt }))
      this.set({ state, lastSyncedAt })
    }
    else {
      this.set({ state })
    }
  }

  private cancelLegs(): Promise<unknown>[] {
    const reps = this.legs.map(l => l.rep)
    this.legs = []
    for (const rep of reps)
      rep.cancel()
    const pulls = this.pulls?.cancel() ?? []
    this.pulls = null
    return [...reps, ...pulls]
  }

  private readonly onOnline = () => {
    this.browserOffline = false
    this.restart()
  }

  private readonly onOffline = () => {
    this.browserOffline = true
    this.update()
  }

  private listenToBrowser(on: boolean): void {
    if (typeof window === 'undefined')
      return
    const method = on ? 'addEventListener' : 'removeEventListener'
    window[method]('online', this.onOnline)
    window[method]('offline', this.onOffline)
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(err => console.warn('sync bookkeeping failed', err)).finally(() => this.inFlight.delete(tracked))
    this.inFlight.add(tracked)
  }

  private set(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch }
    if (JSON.stringify(next) === JSON.stringify(this.current))
      return
    this.current = next
    for (const cb of this.listeners)
      cb(this.current)
  }
}
