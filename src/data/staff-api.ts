import { allDatabases, type PinIssue } from '../domain'
import type { AuthClient } from './auth-client'
import { openLocalDb, type PouchStore } from './pouch'
import type { Projector } from './projector'
import type { ReadModel } from './read-model'
import type { ReplicationController } from './replication'
import { StaffDirectory, type DeviceStaff, type DeviceState, type UnlockResult } from './staff-directory'
import type { TabletInfo, TabletReporter, TabletSettings } from './staff-tablet'
import { summarise, type UnsyncedRecords, type UnsyncedSummary } from './staff-unsynced'
import { askPersistentStorage, storageUse, type StorageUse } from './storage-estimate'

export type { DeviceStaff, DeviceState, UnlockResult } from './staff-directory'
export type { UnsyncedSummary } from './staff-unsynced'
export type { TabletInfo } from './staff-tablet'
export type { StorageUse } from './storage-estimate'

/** A shared tablet: who is remembered here, their PINs, the lock, storage, and clearing it. */
export interface DeviceApi {
  state(): Promise<DeviceState>
  staff(): Promise<DeviceStaff[]>
  /** Sets the PIN of someone remembered here; returns why a PIN is refused, or null. */
  setPin(name: string, pin: string): Promise<PinIssue | null>
  /** Unlocks offline as `name`, who then stamps the records made here. */
  unlock(name: string, pin: string): Promise<UnlockResult>
  lock(): Promise<void>
  /** Records not yet on the server, optionally only those `author` made. */
  unsynced(author?: string): Promise<UnsyncedSummary>
  storage(): Promise<StorageUse | null>
  askPersistentStorage(): Promise<boolean>
  /** This tablet's id, name and location (kept on the device). */
  tablet(): Promise<TabletInfo>
  /**
   * Names this tablet and binds it to a location (a desk location id); the server hears of it at
   * once when it is reachable, otherwise with the next sync.
   */
  enrolTablet(name: string, location: string): Promise<TabletInfo>
  /**
   * Destroys every local database and the read model: unsynced records are gone for good, so the
   * UI asks first. The data layer cannot be used afterwards; the app reloads.
   */
  clear(): Promise<void>
}

export interface DeviceDeps {
  rm: ReadModel
  pouch: PouchStore
  projector: Projector
  replication: ReplicationController
  auth: AuthClient
  unsynced: UnsyncedRecords
  directory: StaffDirectory
  tablet: TabletSettings
  reporter: TabletReporter
  localPrefix: string
  ready: Promise<void>
}

export function createDeviceApi(deps: DeviceDeps): DeviceApi {
  const { rm, directory } = deps
  return {
    state: () => directory.state(),
    staff: () => directory.list(),
    setPin: (name, pin) => directory.setPin(name, pin),
    unlock: (name, pin) => directory.unlock(name, pin),
    lock: () => directory.lock(),
    async unsynced(author) {
      await deps.ready
      const records = await deps.unsynced.describe(await rm.outbox.toArray())
      return summarise(author === undefined ? records : records.filter(r => r.author === author))
    },
    storage: () => storageUse(),
    askPersistentStorage: () => askPersistentStorage(),
    tablet: () => deps.tablet.get(),
    async enrolTablet(name, location) {
      const info = await deps.tablet.enrol(name, location)
      // Told at once so the overview shows the name; offline, the next sync tells it.
      await deps.reporter.sendNow(deps.replication.status()).catch(() => undefined)
      return info
    },
    async clear() {
      await deps.ready.catch(() => undefined)
      await deps.replication.close()
      await deps.reporter.settled()
      await deps.auth.signOut()
      await deps.projector.close()
      await deps.pouch.close()
      await Promise.all(allDatabases().map(db => openLocalDb(deps.localPrefix, db).destroy()))
      await rm.delete()
    },
  }
}

/**
 * Sign-out as "forget me on this tablet": the person's entry and PIN go, their records stay. When
 * they were the sync identity, their cookie goes too and replication stops until someone signs
 * in online; otherwise it keeps running for the identity.
 */
export async function forgetActive(deps: DeviceDeps, stopSync: () => Promise<void>): Promise<void> {
  const active = await deps.auth.current()
  const wasIdentity = active ? await deps.directory.forget(active.name) : true
  if (wasIdentity) {
    await stopSync()
    await deps.auth.signOut()
  }
  else {
    await deps.rm.profile.delete('current')
  }
}
