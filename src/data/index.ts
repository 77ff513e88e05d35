import type { HelpSession, HelpSessionInput, Person, PersonInput, PersonKey, StaffProfile, Validated } from '../domain'
import { AuthClient } from './auth-client'
import { createClasses, type ClassesApi } from './classes'
import { DeskConfigRepository, type DeskConfig } from './desk-config-repository'
import { AppSettingsRepository } from './app-settings-repository'
import { DraftStore, type DraftRecord } from './drafts'
import { Outbox } from './outbox'
import { PeopleRepository } from './people-repository'
import { PouchStore } from './pouch'
import { Projector } from './projector'
import { ReadModel, serverIdIn } from './read-model'
import { ReplicationController } from './replication'
import { SessionRepository } from './session-repository'
import { createLendingApi, type LendingApi } from './lending'
import { createDeviceApi, forgetActive, type DeviceApi, type DeviceDeps } from './staff-api'
import { StaffDirectory } from './staff-directory'
import { ScopeFollower } from './staff-scope'
import { TabletReporter, TabletSettings } from './staff-tablet'
import { UnsyncedRecords } from './staff-unsynced'
import type { PersonRow, SessionFilter, SessionRow, SyncStatus } from './types'
import { createReviewApi, type ReviewApi } from './review'
import { createPrivacyApi, type PrivacyApi } from './privacy-client'
import { createAuditApi, type AuditApi } from './audit-client'

export { AuthError, type AuthErrorCode } from './auth-client'
export type { Borrower, BorrowerInput, DeviceDetail, DeviceEventRecord, DeviceView, EventPayload, HandoverInput, HomeVisitRecord, LoanView } from './lending'
export type { DeviceApi, DeviceStaff, DeviceState, StorageUse, TabletInfo, UnlockResult, UnsyncedSummary } from './staff-api'
export type * from './classes'
export type { PersonRow, SessionFilter, SessionRow, SyncState, SyncStatus } from './types'
export type { CategoryChange, DeskConfig, LocationChange } from './desk-config-repository'
export type { AppSettingsChange } from './app-settings-repository'
export type { DraftRecord } from './drafts'
export type * from './review'
export { ASSIGNABLE_ROLES, AccountError, REVIEW_KINDS, accountProblem } from './review'
export { AuditError, type AuditApi, type AuditEntry, type AuditErrorCode, type AuditFilter, type AuditPage } from './audit-client'
export { PrivacyError, type ErasureCounts, type PrivacyApi, type PrivacyErrorCode, type SubjectExport, type SubjectRecord } from './privacy-client'

export interface DataLayerOptions {
  /** Origin of the sync-server (the app's own origin in production). */
  serverUrl?: string
  fetch?: typeof fetch
  /** Prefix of the local IndexedDB names; tests give each simulated device its own. */
  localPrefix?: string
  /**
   * Replication starts only once this settles: the app passes its first paint, so a cold start
   * shows the page before replication takes the main thread. Tests leave it out.
   */
  startSyncAfter?: Promise<unknown>
}

export interface DataLayer {
  auth: {
    signIn(name: string, password: string): Promise<StaffProfile>
    current(): Promise<StaffProfile | null>
    signOut(): Promise<void>
    /** Calls `cb` when the server changed the sync identity's roles or municipalities (a coordinator's edit). */
    onScopeChange(cb: (profile: StaffProfile) => void): () => void
  }
  sessions: {
    create(input: HelpSessionInput, staff: StaffProfile): Promise<Validated<HelpSession>>
    watch(filter: SessionFilter, onRows: (rows: SessionRow[]) => void): () => void
    list(filter: SessionFilter): Promise<SessionRow[]>
    /** The stored session (for editing), or null. */
    get(id: string): Promise<HelpSession | null>
    /** A new revision of one's own session. */
    update(id: string, input: HelpSessionInput, staff: StaffProfile): Promise<Validated<HelpSession>>
    /** Follow-ups due at a location on `day` (`YYYY-MM-DD`) or in the week before. */
    watchFollowUps(location: string, day: string, onRows: (rows: SessionRow[]) => void): () => void
    /** Marks the follow-up of one's own session done on `day`, so it leaves the follow-up list. */
    markFollowUpDone(id: string, day: string, staff: StaffProfile): Promise<Validated<HelpSession>>
  }
  people: {
    /** Registers a resident at a desk of `municipality`. */
    create(input: PersonInput, staff: StaffProfile, municipality: string): Promise<Validated<Person>>
    update(id: string, input: PersonInput, staff: StaffProfile): Promise<Validated<Person>>
    get(id: string): Promise<Person | null>
    /** Search-as-you-type on name words, postcode and birth year (prefixes). */
    search(query: string, limit: number): Promise<PersonRow[]>
    /** The same search followed live, so a resident arriving by sync shows up; returns the stop function. */
    watchSearch(query: string, limit: number, onRows: (rows: PersonRow[]) => void): () => void
    /** Residents likely to be the same person, to warn before a duplicate is saved. */
    findDuplicates(candidate: Omit<PersonKey, 'id'>, excludeId?: string): Promise<PersonRow[]>
    watchRows(ids: readonly string[], onRows: (rows: PersonRow[]) => void): () => void
  }
  /** Half-filled forms kept on this device only. */
  drafts: {
    save(key: string, staff: string, values: unknown): Promise<void>
    get(key: string): Promise<DraftRecord | null>
    discard(key: string): Promise<void>
    /** Calls `cb` with each save, read and removal: whether a draft is kept under `key` now (never its values). */
    onKept(cb: (key: string, kept: boolean) => void): () => void
  }
  /** Locations and question categories: defaults plus coordinators' documents. */
  deskConfig: {
    watch(onConfig: (config: DeskConfig) => void): () => void
    current(): Promise<DeskConfig>
    saveLocation: DeskConfigRepository['saveLocation']
    saveCategory: DeskConfigRepository['saveCategory']
  }
  /** The Digibank's settings set by coordinators (idle lock, loan period, agreement text), or the defaults. */
  settings: {
    watch: AppSettingsRepository['watch']
    current: AppSettingsRepository['current']
    save: AppSettingsRepository['save']
  }
  sync: {
    start(profile: StaffProfile): void
    stop(): Promise<void>
    status(): SyncStatus
    onStatus(cb: (s: SyncStatus) => void): () => void
    /** Starts replication again for the sync identity, with a fresh back-off ("sync now"). */
    now(): Promise<void>
  }
  /** Shared tablets: staff remembered here, PINs, the lock, storage and clearing the tablet. */
  device: DeviceApi
  /** Courses, enrolments, roll calls and training hours (`classes.hoursFor` for other features). */
  classes: ClassesApi
  /** Devices, device events, loans, extensions and home visits (dgb-lending). */
  lending: LendingApi
  /** The coordinator's review lists, inbox, conflicts, resident merge, figures and accounts. */
  review: ReviewApi
  /** Subject rights for coordinators: export and erase one resident, on the server (needs the network). */
  privacy: PrivacyApi
  /** The server's audit trail for coordinators: who changed which record and when (needs the network). */
  audit: AuditApi
  readModel: { rebuild(): Promise<void> }
  close(): Promise<void>
}

/** Wires the data layer of one device: PouchDB, the Dexie read model, the outbox and replication. */
export function createDataLayer(opts: DataLayerOptions = {}): DataLayer {
  const serverUrl = (opts.serverUrl ?? location.origin).replace(/\/+$/, '')
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis)
  const localPrefix = opts.localPrefix ?? ''

  const rm = new ReadModel(`${localPrefix}digibalie`)
  const pouch = new PouchStore({ localPrefix, serverUrl, fetch: doFetch, serverId: serverIdIn(rm) })
  const projector = new Projector(rm, pouch)
  const outbox = new Outbox(rm)
  const auth = new AuthClient(serverUrl, doFetch, rm)
  const unsynced = new UnsyncedRecords(pouch)
  const replication = new ReplicationController({ rm, pouch, projector, outbox, unsynced })
  const directory = new StaffDirectory(rm)
  const tablet = new TabletSettings(rm)
  // Each time replication reaches the server, the tablet reports what it still holds unsynced.
  const reporter = new TabletReporter(tablet, serverUrl, doFetch)
  replication.onStatus(status => reporter.onStatus(status))

  // Start-up: settle half-made writes, then keep projecting every database projected before.
  const ready = (async () => {
    await outbox.recover(pouch)
    for (const checkpoint of await rm.checkpoints.toArray())
      projector.follow(checkpoint.db)
  })()
  ready.catch(err => console.error('data layer start-up failed', err))
  const sessions = new SessionRepository({ rm, pouch, projector, outbox, ready })
  const lending = createLendingApi({ rm, pouch, projector, outbox, ready })
  const classes = createClasses({ rm, pouch, projector, outbox, ready })
  const people = new PeopleRepository({ rm, pouch, projector, outbox, ready })
  const deskConfig = new DeskConfigRepository({ rm, pouch, projector, outbox, ready })
  const settings = new AppSettingsRepository({ rm, pouch, projector, outbox, ready })
  const drafts = new DraftStore(rm)
  const review = createReviewApi({ rm, pouch, projector, outbox, ready }, { serverUrl, fetch: doFetch })
  let starts = 0
  /** Set when `close()` begins: nothing may start replication (or other work) on this layer again. */
  let closed = false
  /** Work the layer runs on its own behalf after a call returned ("sync now"); `close()` waits for it. */
  const running = new Set<Promise<unknown>>()
  function closeWaitsFor<T>(work: Promise<T>): Promise<T> {
    running.add(work)
    void work.finally(() => running.delete(work)).catch(() => undefined)
    return work
  }
  function startSync(profile: StaffProfile): void {
    // Replication waits for start-up recovery; a stop() (or close()) in the meantime cancels the start.
    if (closed)
      return
    const mine = ++starts
    const go = () => mine === starts && replication.start(profile)
    void Promise.all([ready, opts.startSyncAfter]).then(go, go)
  }
  // When the identity's account changes scope on the server, replication and local copies follow.
  const scope = new ScopeFollower({
    rm, pouch, projector, directory, serverUrl, fetch: doFetch,
    restart: (profile, generation) => generation === starts && startSync(profile),
    generation: () => starts,
  })
  replication.onStatus(status => scope.onStatus(status))
  const deviceDeps: DeviceDeps = { rm, pouch, projector, replication, auth, unsynced, directory, tablet, reporter, localPrefix, ready }
  const device = createDeviceApi(deviceDeps)

  return {
    auth: {
      async signIn(name, password) {
        const profile = await auth.signIn(name, password)
        // The browser now holds this person's cookie: they become the identity replication runs as.
        await directory.signedInOnline(profile)
        // A new cookie: replication that stopped on a 401 (or ran for someone else) starts over.
        replication.restart(profile)
        return profile
      },
      current: () => auth.current(),
      onScopeChange: cb => scope.onChange(cb),
      // "Forget me on this tablet"; replication stops only when the cookie was theirs.
      signOut: () => forgetActive(deviceDeps, () => {
        starts += 1
        return replication.stop()
      }),
    },
    sessions: {
      create: (input, staff) => sessions.create(input, staff),
      watch: (filter, onRows) => sessions.watch(filter, onRows),
      list: filter => sessions.list(filter),
      get: id => sessions.get(id),
      update: (id, input, staff) => sessions.update(id, input, staff),
      watchFollowUps: (location, day, onRows) => sessions.watchFollowUps(location, day, onRows),
      markFollowUpDone: (id, day, staff) => sessions.markFollowUpDone(id, day, staff),
    },
    people: {
      create: (input, staff, municipality) => people.create(input, staff, municipality),
      update: (id, input, staff) => people.update(id, input, staff),
      get: id => people.get(id),
      search: (query, limit) => people.search(query, limit),
      watchSearch: (query, limit, onRows) => people.watchSearch(query, limit, onRows),
      findDuplicates: (candidate, excludeId) => people.findDuplicates(candidate, excludeId),
      watchRows: (ids, onRows) => people.watchRows(ids, onRows),
    },
    drafts: {
      save: (key, staff, values) => drafts.save(key, staff, values),
      get: key => drafts.get(key),
      discard: key => drafts.discard(key),
      onKept: cb => drafts.onKept(cb),
    },
    deskConfig: {
      watch: onConfig => deskConfig.watch(onConfig),
      current: () => deskConfig.current(),
      saveLocation: (change, staff) => deskConfig.saveLocation(change, staff),
      saveCategory: (change, staff) => deskConfig.saveCategory(change, staff),
    },
    settings: {
      watch: onSettings => settings.watch(onSettings),
      current: () => settings.current(),
      save: (change, staff) => settings.save(change, staff),
    },
    sync: {
      start: profile => startSync(profile),
      stop() {
        starts += 1
        return replication.stop()
      },
      status: () => replication.status(),
      onStatus: cb => replication.onStatus(cb),
      now() {
        // Often not awaited (a view asks for it and moves on), so it may meet `close()`: it then
        // ends quietly, starting nothing, and the close waits for the reads it has under way.
        if (closed)
          return Promise.resolve()
        return closeWaitsFor((async () => {
          // "Sync now" also asks whether the account's scope changed, so a tablet follows at once.
          await scope.check().catch(() => undefined)
          if (closed)
            return
          const { identity } = await directory.state()
          if (identity)
            startSync(identity)
        })())
      },
    },
    device,
    classes,
    lending,
    review,
    privacy: createPrivacyApi(serverUrl, doFetch),
    audit: createAuditApi(serverUrl, doFetch),
    readModel: {
      async rebuild() {
        await ready
        await projector.rebuild()
      },
    },
    async close() {
      closed = true
      starts += 1
      await ready.catch(() => undefined)
      await Promise.allSettled([...running])
      classes.close()
      await replication.close()
      await reporter.settled()
      await scope.settled()
      await projector.close()
      await pouch.close()
      rm.close()
    },
  }
}
