import { validateTabletReport, type TabletReport } from '../domain'
import { randomHex } from './random'
import type { ReadModel } from './read-model'
import type { SyncStatus } from './types'

/** What this tablet is: its own id, and the name and location a coordinator gave it. */
export interface TabletInfo {
  id: string
  name: string | null
  location: string | null
}

const KEYS = { id: 'tablet.id', name: 'tablet.name', location: 'tablet.location' } as const
/** A tablet whose report did not change still says so now and then, so "last heard" stays true. */
const REPEAT_MS = 10 * 60_000

function newTabletId(): string {
  return `tablet-${randomHex(12)}`
}

/**
 * The tablet's name and location, kept on the device (device state in `syncMeta`, never synced as a
 * record): the location is this desk's room, the name is how the coordinator recognises it. The id
 * is made on first use and stays until the tablet is cleared.
 */
export class TabletSettings {
  constructor(private readonly rm: ReadModel) {}

  async get(): Promise<TabletInfo> {
    return this.rm.transaction('rw', this.rm.syncMeta, async () => {
      const [id, name, location] = await this.rm.syncMeta.bulkGet([KEYS.id, KEYS.name, KEYS.location])
      if (id)
        return { id: id.value, name: name?.value ?? null, location: location?.value ?? null }
      const made = newTabletId()
      await this.rm.syncMeta.put({ key: KEYS.id, value: made })
      return { id: made, name: null, location: null }
    })
  }

  /** Names the tablet and binds it to a location; refuses what the server would refuse. */
  async enrol(name: string, location: string): Promise<TabletInfo> {
    const current = await this.get()
    const checked = validateTabletReport({ tabletId: current.id, name, location, unsynced: 0, lastSyncedAt: null })
    if (!checked.ok)
      throw new Error(`invalid tablet enrolment: ${checked.issues.map(i => i.path).join(', ')}`)
    await this.rm.syncMeta.bulkPut([{ key: KEYS.name, value: checked.value.name! }, { key: KEYS.location, value: location }])
    return { ...current, name: checked.value.name, location }
  }
}

/**
 * Tells the server, each time replication reaches it, how many records this tablet still holds
 * unsynced and when it was last in step, so the coordinator's overview can show what the server
 * alone cannot know. A report that did not change is not sent again for a while; a failed one is
 * dropped, the next status change sends a fresh one.
 */
export class TabletReporter {
  private lastSent = ''
  private lastSentAt = 0
  private sending: Promise<void> = Promise.resolve()

  constructor(private readonly settings: TabletSettings, private readonly serverUrl: string, private readonly doFetch: typeof fetch) {}

  /** Called with every sync status; only a tablet in touch with the server reports. */
  onStatus(status: SyncStatus): void {
    if (status.state !== 'synced')
      return
    this.sending = this.sending.then(() => this.send(status)).catch(err => console.warn('tablet report failed', err instanceof Error ? err.message : 'unknown'))
  }

  /** Sends the report now, changed or not (after enrolling, so the overview shows the new name). */
  async sendNow(status: SyncStatus): Promise<void> {
    this.lastSent = ''
    await this.sending
    await this.send(status)
  }

  /** Resolves when the report in progress, if any, is done. */
  settled(): Promise<void> {
    return this.sending
  }

  private async send(status: SyncStatus): Promise<void> {
    const tablet = await this.settings.get()
    const report: TabletReport = {
      tabletId: tablet.id,
      name: tablet.name,
      location: tablet.location,
      unsynced: status.pending + status.refused.length,
      lastSyncedAt: status.lastSyncedAt,
    }
    // The time moves with every sync; only a first sync, or a change of what it says, is news.
    const key = JSON.stringify({ ...report, lastSyncedAt: report.lastSyncedAt !== null })
    if (key === this.lastSent && Date.now() - this.lastSentAt < REPEAT_MS)
      return
    const res = await this.doFetch(`${this.serverUrl}/_digibalie/tablets/${tablet.id}`, {
      method: 'PUT',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(report),
    })
    if (!res.ok)
      throw new Error(`the server answered ${res.status}`)
    this.lastSent = key
    this.lastSentAt = Date.now()
  }
}
