import { liveQuery, type Subscription } from 'dexie'
import { databasesFor, type StaffProfile } from '../domain'
import type { Outbox } from './outbox'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
import type { ReadModel } from './read-model'
import { startLeg, type Replication } from './replication-leg'
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
}

/**
 * Live two-way replication of every database the signed-in account may read. Push and pull run as
 * two replications per database rather than one `sync()`, because `sync()` drops the error from
 * its `paused` event, and that error is how "offline" differs from "all synced".
 */
export class ReplicationController {
  private legs: Leg[] = []
  private profile: StaffProfile | null = null
  private running = false
  private browserOffline = false
  private current: SyncStatus = { state: 'stopped', pending: 0, lastSyncedAt: null, refused: [] }
  private readonly listeners = new Set<(s: SyncStatus) => void>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private readonly outboxWatch: Subscription

  constructor(private readonly deps: ReplicationDeps) {
    // Pending and refused counts come from the outbox, whoever changes it (repository or push).
    this.outboxWatch = liveQuery(() => deps.rm.outbox.toArray()).subscribe({
      next: (entries) => {
        const refused = entries.flatMap(e => e.refusedReason === undefined ? [] : [{ id: e.id, reason: e.refusedReason }])
        this.set({ pending: entries.length - refused.length, refused })
      },
      error: err => console.error('outbox query failed', err),
    })
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
    this.running = true
    this.listenToBrowser(true)
    for (const db of databasesFor(profile)) {
      this.deps.projector.follow(db)
      this.legs.push(this.startLeg(db, true), this.startLeg(db, false))
    }
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
    })
    return leg
  }

  private setLeg(leg: Leg, state: LegState): void {
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
    const state = aggregateState(this.legs.map(l => l.state), this.browserOffline)
    if (state === 'synced') {
      const lastSyncedAt = new Date().toISOString()
      this.track(this.deps.rm.syncMeta.put({ key: 'lastSyncedAt', value: lastSyncedAt }))
      this.set({ state, lastSyncedAt })
    }
    else {
      this.set({ state })
    }
  }

  private cancelLegs(): Replication[] {
    const reps = this.legs.map(l => l.rep)
    this.legs = []
    for (const rep of reps)
      rep.cancel()
    return reps
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
