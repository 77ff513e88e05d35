import { databasesFor, isCoordinator, type StaffProfile } from '../domain'
import type { Outbox } from './outbox'
import { OutboxFollower } from './outbox-follower'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
import type { OutboxEntry, ReadModel } from './read-model'
import { PullScheduler } from './pull-scheduler'
import { LIVE_PULLS_WITHOUT_QUEUEING, PULL_POLL_MS, startLeg, type Replication } from './replication-leg'
import { summarise, type UnsyncedRecords } from './staff-unsynced'
import { aggregateState, type LegState } from './sync-status'
import type { SyncStatus } from './types'

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
  /** Closed with its data layer: it never starts again. */
  private closed = false
  private browserOffline = false
  private current: SyncStatus = { state: 'stopped', pending: 0, lastSyncedAt: null, refused: [], waiting: [] }
  /** The outbox entries as last read. */
  private entries: OutboxEntry[] = []
  private waitingRound = 0
  private readonly listeners = new Set<(s: SyncStatus) => void>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly outboxFollower: OutboxFollower

  constructor(private readonly deps: ReplicationDeps) {
    // Pending and refused counts come from the outbox, whoever changes it (repository or push).
    this.outboxFollower = new OutboxFollower(deps.rm, deps.outbox, deps.unsynced, (entries) => {
      const refused = entries.flatMap(e => e.refusedReason === undefined ? [] : [{ id: e.id, reason: e.refusedReason }])
      this.set({ pending: entries.length - refused.length, refused })
      this.entries = entries
      return this.updateWaiting()
    }, read => this.track(read))
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
    if (this.closed)
      return
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
    // No new outbox read may start once the reads in flight are awaited (in `stop`).
    this.closed = true
    this.outboxFollower.close()
    await this.stop()
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
   * Records by someone other than the identity are not pushed (the server would refuse them):
   * they wait for their author's next online sign-in, and the status says for whom.
   */
  private async updateWaiting(): Promise<void> {
    const round = ++this.waitingRound
    const identity = this.profile
    const pending = this.entries.filter(e => e.refusedReason === undefined)
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
