import type { ReadModel } from './read-model'

/**
 * A half-filled form, kept on this device only (never synced: it may hold a resident's id and a
 * note nobody decided to save yet). One per form and staff member, replaced at every keystroke
 * pause, deleted when the record is saved or the volunteer throws it away. Whoever needs to know
 * which keys hold a draft (never the values) hears it with every save, read and removal
 * (`onKept`): the app shell notes them for its cold start, which skips the kept form while a draft
 * would push it down. A read tells what it found, so a note that missed a write is right again
 * the next time the form opens.
 */
export interface DraftRecord {
  /** `<form>:<staff>` for a new record, `<form>:<record id>:<staff>` for an edit. */
  key: string
  staff: string
  savedAt: string
  values: unknown
}

export class DraftStore {
  private readonly listeners = new Set<(key: string, kept: boolean) => void>()

  constructor(private readonly rm: ReadModel) {}

  /** Calls `cb` with a key and whether a draft is kept under it now; returns the stop function. */
  onKept(cb: (key: string, kept: boolean) => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }

  async save(key: string, staff: string, values: unknown): Promise<void> {
    // Through JSON: what Vue hands over is a reactive proxy that IndexedDB cannot clone.
    await this.rm.drafts.put({ key, staff, savedAt: new Date().toISOString(), values: JSON.parse(JSON.stringify(values)) as unknown })
    this.kept(key, true)
  }

  async get(key: string): Promise<DraftRecord | null> {
    const draft = (await this.rm.drafts.get(key)) ?? null
    this.kept(key, draft !== null)
    return draft
  }

  async discard(key: string): Promise<void> {
    await this.rm.drafts.delete(key)
    this.kept(key, false)
  }

  private kept(key: string, kept: boolean): void {
    for (const cb of this.listeners)
      cb(key, kept)
  }
}
