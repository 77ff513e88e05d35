import * as v from 'valibot'
import { DEFAULT_LOAN_MONTHS } from './lending'
import { addMonths, LOAN_LIMITS } from './loan'
import { isoDate, isoTimestamp, staffName } from './records'
import { runSchema, type Validated } from './validation'

/**
 * The Digibank's settings that coordinators set for every tablet: how long a tablet waits before it
 * locks, the default loan period and the lending agreement text. One document in `dgb-config`
 * (replicated to every tablet, written by coordinators only); while none exists the defaults below
 * hold, and the agreement text comes from the app's messages.
 */
export const APP_SETTINGS_KIND = 'app-settings'
export const APP_SETTINGS_ID = 'settings:digibank'

/**
 * Bounds of the idle lock. Under a minute a volunteer typing a long note would be locked out; over
 * half an hour an unattended tablet shows residents' data to whoever walks by.
 */
export const IDLE_LIMITS = { min: 1, max: 30 } as const
export const DEFAULT_IDLE_MINUTES = 5

/** A loan runs either a number of months from the handover, or until one date (e.g. the project's end). */
export type LoanPeriod = { type: 'months', months: number } | { type: 'until', until: string }

export interface AgreementTexts { version: number, nl: string, fr?: string | undefined, en?: string | undefined }

/** The settings in effect on a tablet; `agreement` is null while the messages' default text holds. */
export interface AppSettings {
  idleMinutes: number
  loanPeriod: LoanPeriod
  agreement: AgreementTexts | null
}

export const DEFAULT_APP_SETTINGS: AppSettings = {
  idleMinutes: DEFAULT_IDLE_MINUTES,
  loanPeriod: { type: 'months', months: DEFAULT_LOAN_MONTHS },
  agreement: null,
}

const whole = (min: number, max: number) => v.pipe(v.number('invalidType'), v.integer('notWhole'), v.minValue(min, 'tooSmall'), v.maxValue(max, 'tooLarge'))
const agreementText = v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(LOAN_LIMITS.maxAgreement, 'tooLong'))

export const appSettingsSchema = v.looseObject({
  _id: v.literal(APP_SETTINGS_ID, 'invalidId'),
  _rev: v.optional(v.string()),
  kind: v.literal(APP_SETTINGS_KIND, 'wrongKind'),
  schemaVersion: v.literal(1, 'unsupportedVersion'),
  createdAt: isoTimestamp,
  createdBy: staffName,
  updatedAt: isoTimestamp,
  idleMinutes: whole(IDLE_LIMITS.min, IDLE_LIMITS.max),
  loanPeriod: v.variant('type', [
    v.object({ type: v.literal('months'), months: whole(1, LOAN_LIMITS.maxMonths) }),
    v.object({ type: v.literal('until'), until: isoDate }),
  ], 'invalidType'),
  /** Dutch is required; a borrower reading French or English gets the Dutch text when theirs is missing. */
  agreement: v.optional(v.object({ version: whole(1, 1_000_000), nl: agreementText, fr: v.optional(agreementText), en: v.optional(agreementText) }, 'invalidType')),
})

export type AppSettingsDoc = v.InferOutput<typeof appSettingsSchema>

export function validateAppSettings(input: unknown): Validated<AppSettingsDoc> {
  return runSchema(appSettingsSchema, input)
}

/** The settings in effect: the stored document, or the defaults while there is none. */
export function settingsFrom(doc: AppSettingsDoc | null): AppSettings {
  if (!doc)
    return DEFAULT_APP_SETTINGS
  return { idleMinutes: doc.idleMinutes, loanPeriod: doc.loanPeriod, agreement: doc.agreement ?? null }
}

/**
 * The end date the handover form starts from. A fixed date that has passed, or lies beyond the
 * longest loan allowed, cannot be used: the form then falls back to the default months, so a
 * forgotten setting never blocks a handover.
 */
export function defaultLoanEnd(period: LoanPeriod, today: string): string {
  if (period.type === 'months')
    return addMonths(today, period.months)
  if (period.until > today && period.until <= addMonths(today, LOAN_LIMITS.maxMonths))
    return period.until
  return addMonths(today, DEFAULT_LOAN_MONTHS)
}

/** The agreement text for a language, or null when the app's default text holds. */
export function agreementTextFor(agreement: AgreementTexts | null, locale: string): string | null {
  if (!agreement)
    return null
  const own = locale === 'fr' ? agreement.fr : locale === 'en' ? agreement.en : agreement.nl
  return own ?? agreement.nl
}

/**
 * The version a loan records with its agreement text (`loan.agreement.version`), so a printed
 * agreement can be traced to the text the coordinator had set when it was signed.
 */
export function agreementVersionFor(agreement: AgreementTexts | null, locale: string): string {
  return agreement ? `instellingen-${agreement.version}-${locale}` : `standaard-${locale}-1`
}

/** The next agreement version: a new number only when a text really changed. */
export function nextAgreementVersion(previous: AgreementTexts | null, texts: Omit<AgreementTexts, 'version'>): number {
  if (!previous)
    return 1
  const same = previous.nl === texts.nl && previous.fr === texts.fr && previous.en === texts.en
  return same ? previous.version : previous.version + 1
}
