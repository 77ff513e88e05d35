import { APP_SETTINGS_ID, APP_SETTINGS_KIND, DEFAULT_LOAN_MONTHS, type AppSettingsDoc } from '../../src/domain'

/** The Digibank's settings document as a coordinator saves it: 5 minutes, 12 months, no own agreement text. */
export function makeAppSettings(overrides: Partial<AppSettingsDoc> = {}): AppSettingsDoc {
  return {
    _id: APP_SETTINGS_ID,
    kind: APP_SETTINGS_KIND,
    schemaVersion: 1,
    createdAt: '2026-11-29T09:00:00.000Z',
    createdBy: 'carla',
    updatedAt: '2026-11-29T09:00:00.000Z',
    idleMinutes: 5,
    loanPeriod: { type: 'months', months: DEFAULT_LOAN_MONTHS },
    ...overrides,
  }
}
