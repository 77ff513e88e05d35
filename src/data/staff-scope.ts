import { databasesFor, profileFromCtx, type StaffProfile, type UserCtx } from '../domain'
import type { PouchStore } from './pouch'
import type { Projector } from './projector'
import type { ReadModel } from './read-model'
import type { StaffDirectory } from './staff-directory'
import type { SyncStatus } from './types'

export interface ScopeDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  directory: StaffDirectory
  serverUrl: string
  fetch: typeof fetch
  /** Starts replication again as `profile`, unless sync was stopped since `generation`. */
  restart(profile: StaffProfile, generation: number): void
  generation(): number
}

/** How often a tablet that is in step asks whether its account's scope changed. */
const CHECK_EVERY_MS = 60_000
/** A refused database (403) may mean the scope shrank: ask sooner, but not in a loop. */
const CHECK_AFTER_ERROR_MS = 10_000
const PENDING_DROPS = 'scope.pendingDrops'

const scopeKey = (p: StaffProfile) => databasesFor(p).sort().join(' ')

/**
 * Keeps what a tablet holds in line with its sync identity's account. The server reads an
 * account's roles on every request, so a coordinator's change of municipalities takes effect on
 * the server at once; the tablet learns it here, whenever it reaches the server, by asking
 * `_session` which roles its cookie has now. Then replication restarts for the new set of
 * databases (a new municipality starts replicating), and each database that left the scope is
 * dropped from the tablet: its PouchDB copy and its read-model rows. A database holding records
 * not yet on the server is kept, and dropped later, once they are sent; until then they count as
 * waiting in the sync status.
 */
export class ScopeFollower {
  private running: Promise<void> | null = null
  private lastCheck = 0
  private readonly listeners = new Set<(profile: StaffProfile) => void>()

  constructor(private readonly deps: ScopeDeps) {}

  /** Called with every sync status: a tablet in touch with the server checks now and then. */
  onStatus(status: SyncStatus): void {
    const since = Date.now() - this.lastCheck
    if ((status.state === 'synced' && since >= CHECK_EVERY_MS) || (status.state === 'error' && since >= CHECK_AFTER_ERROR_MS))
      void this.check().catch(err => console.warn('scope check failed', err instanceof Error ? err.message : 'unknown'))
  }

  /** Asks the server now; resolves when replication and the local copies follow the answer. */
  check(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = null))
    return this.running
  }

  /** Calls `cb` with the identity's new profile whenever the server changed its roles; returns the stop function. */
  onChange(cb: (profile: StaffProfile) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  /** Resolves when a check in progress, if any, is done. */
  settled(): Promise<void> {
    return (this.running ?? Promise.resolve()).catch(() => undefined)
  }

  private async run(): Promise<void> {
    this.lastCheck = Date.now()
    const generation = this.deps.generation()
    const { identity } = await this.deps.directory.state()
    if (!identity)
      return
    const fresh = await this.serverProfile()
    // No answer, or the cookie is someone else's now: nothing to learn here.
    if (!fresh || fresh.name !== identity.name)
      return
    if (scopeKey(fresh) !== scopeKey(identity) || fresh.roles.join() !== identity.roles.join()) {
      const left = databasesFor(identity).filter(db => !databasesFor(fresh).includes(db))
      await this.remember(fresh, left)
      this.deps.restart(fresh, generation)
      for (const cb of this.listeners)
        cb(fresh)
    }
    await this.dropWhatLeft(fresh)
  }

  private async serverProfile(): Promise<StaffProfile | null> {
    const res = await this.deps.fetch(`${this.deps.serverUrl}/_session`, { credentials: 'include', headers: { Accept: 'application/json' } })
    if (!res.ok)
      return null
    const body = await res.json() as { userCtx?: UserCtx }
    return body.userCtx ? profileFromCtx(body.userCtx) : null
  }

  /** The new roles for unlocking and stamping, and the databases to drop once they are sent. */
  private async remember(fresh: StaffProfile, left: readonly string[]): Promise<void> {
    const { rm } = this.deps
    await rm.transaction('rw', [rm.staff, rm.profile, rm.syncMeta], async () => {
      await rm.staff.update(fresh.name, { roles: fresh.roles, municipalities: fresh.municipalities })
      const current = await rm.profile.get('current')
      if (current?.name === fresh.name)
        await rm.profile.put({ ...current, roles: fresh.roles, municipalities: fresh.municipalities })
      const pending = JSON.parse((await rm.syncMeta.get(PENDING_DROPS))?.value ?? '[]') as string[]
      await rm.syncMeta.put({ key: PENDING_DROPS, value: JSON.stringify([...new Set([...pending, ...left])]) })
    })
  }

  private async dropWhatLeft(profile: StaffProfile): Promise<void> {
    const { rm, projector, pouch } = this.deps
    const pending = JSON.parse((await rm.syncMeta.get(PENDING_DROPS))?.value ?? '[]') as string[]
    const keep: string[] = []
    for (const db of pending) {
      // Back in scope, or still holding records the server has not got: not dropped (yet).
      if (databasesFor(profile).includes(db))
        continue
      if (await rm.outbox.where('db').equals(db).count() > 0) {
        keep.push(db)
        continue
      }
      await projector.forget(db)
      await pouch.destroyLocal(db)
    }
    await rm.syncMeta.put({ key: PENDING_DROPS, value: JSON.stringify(keep) })
  }
}
