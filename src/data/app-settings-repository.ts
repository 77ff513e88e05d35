import { liveQuery } from 'dexie'
import {
  APP_SETTINGS_ID, APP_SETTINGS_KIND, DB, nextAgreementVersion, settingsFrom, validateAppSettings,
  type AppSettings, type AppSettingsDoc, type LoanPeriod, type StaffProfile, type Validated,
} from '../domain'
import { writeRevision, type WriteDeps } from './session-write'

/** What a coordinator edits; `agreement` null goes back to the app's default text. */
export interface AppSettingsChange {
  idleMinutes: number
  loanPeriod: LoanPeriod
  agreement: { nl: string, fr?: string, en?: string } | null
}

/**
 * The Digibank's settings that coordinators set for every tablet (idle lock, loan period,
 * agreement text): one document in `dgb-config`, followed live, with the domain's defaults while
 * none has arrived.
 */
export class AppSettingsRepository {
  constructor(private readonly deps: WriteDeps) {
    deps.ready.then(() => deps.projector.follow(DB.config), () => undefined)
  }

  watch(onSettings: (settings: AppSettings) => void): () => void {
    const subscription = liveQuery(() => this.deps.rm.appSettings.get(APP_SETTINGS_ID)).subscribe({
      next: row => onSettings(settingsFrom(row?.doc ?? null)),
      error: err => console.error('settings query failed', err),
    })
    return () => subscription.unsubscribe()
  }

  async current(): Promise<AppSettings> {
    return settingsFrom((await this.deps.rm.appSettings.get(APP_SETTINGS_ID))?.doc ?? null)
  }

  /** A new revision over the stored one; the agreement version goes up only when a text changed. */
  save(change: AppSettingsChange, staff: StaffProfile): Promise<Validated<AppSettingsDoc>> {
    const now = new Date().toISOString()
    return writeRevision(this.deps, DB.config, APP_SETTINGS_ID, (found) => {
      const stored = found as AppSettingsDoc | null
      const { agreement: _old, ...kept } = stored ?? { createdAt: now, createdBy: staff.name }
      const agreement = change.agreement && { version: nextAgreementVersion(stored?.agreement ?? null, change.agreement), ...change.agreement }
      return validateAppSettings({
        ...kept, _id: APP_SETTINGS_ID, kind: APP_SETTINGS_KIND, schemaVersion: 1, updatedAt: now,
        idleMinutes: change.idleMinutes, loanPeriod: change.loanPeriod, ...(agreement ? { agreement } : {}),
      })
    })
  }
}
