import { noteDraft } from '../start-snapshot'
import type { ReadModel } from './read-model'

/**
 * A half-filled form, kept on this device only (never synced: it may hold a resident's id and a
 * note nobody decided to save yet). One per form and staff member, replaced at every keystroke
 * pause, deleted when the record is saved or the volunteer throws it away. Which keys hold a
 * draft is noted next to the start snapshot too (never the values): a cold start with a draft
 * skips the kept form, which the draft's offer would push down (`src/early-form/`). A read notes
 * what it found, so a note that missed a write is right again the next time the form opens.
 */
export interface DraftRecord {
  /** `<form>:<staff>` for a new record, `<form>:<record id>:<staff>` for an edit. */
  key: string
  staff: string
  savedAt: string
  values: unknown
}

export class DraftStore {
  constructor(private readonly rm: ReadModel) {}

  async save(key: string, staff: string, values: unknown): Promise<void> {
    // Through JSON: what Vue hands over is a reactive proxy that IndexedDB cannot clone.
    await this.rm.drafts.put({ key, staff, savedAt: new Date().toISOString(), values: JSON.parse(JSON.stringify(values)) as unknown })
    noteDraft(key, true)
  }

  async get(key: string): Promise<DraftRecord | null> {
    const draft = (await this.rm.drafts.get(key)) ?? null
    noteDraft(key, draft !== null)
    return draft
  }

  async discard(key: string): Promise<void> {
    await this.rm.drafts.delete(key)
    noteDraft(key, false)
  }
}
