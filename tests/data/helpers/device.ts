import './node-env'
import { profileFromCtx, type StaffProfile } from '../../../src/domain'
import { createDataLayer, type DataLayer, type DataLayerOptions } from '../../../src/data'
import { openLocalDb } from '../../../src/data/pouch'

let devices = 0

/** A fresh simulated device: its own IndexedDB names, nothing signed in. */
export function newDevice(opts: DataLayerOptions = {}): { data: DataLayer, prefix: string } {
  devices += 1
  const prefix = opts.localPrefix ?? `dev${devices}-${Math.random().toString(36).slice(2, 8)}-`
  return { data: createDataLayer({ serverUrl: 'http://127.0.0.1:9', ...opts, localPrefix: prefix }), prefix }
}

/** The profile the server would give a volunteer with these municipality roles. */
export function volunteer(name: string, ...municipalities: string[]): StaffProfile {
  return profileFromCtx({ name, roles: ['volunteer', ...municipalities.map(m => `m:${m}`)] })!
}

/** A second handle on a device's local PouchDB, as another tab (or the server's pull) would write. */
export function localDb(prefix: string, name: string) {
  return openLocalDb(prefix, name)
}

const tracked: DataLayer[] = []

/** A fresh device that `closeDevices` closes after the test (call it from `afterEach`). */
export function device(opts: DataLayerOptions = {}): { data: DataLayer, prefix: string } {
  const d = newDevice(opts)
  tracked.push(d.data)
  return d
}

export async function closeDevices(): Promise<void> {
  await Promise.all(tracked.splice(0).map(d => d.close()))
}
