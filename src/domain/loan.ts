import * as v from 'valibot'
import { accessoryList, assetTag } from './device'
import { DEVICE_CONDITIONS, deviceEventIdSchema, LOAN_ID_PATTERN, loanIdSchema } from './device-event'
import { baseRecordEntries, isoDate, isoTimestamp, staffName } from './records'
import { runSchema, type FieldIssue, type Validated } from './validation'

/**
 * A loan: one borrower, one device, one signed agreement. The loan document is written once at
 * the handover and never changed; an extension is a document of its own (`loan-extension`), and
 * the return is a device event, so nothing about a loan is ever overwritten offline.
 */
export const LOAN_KIND = 'loan'
export const LOAN_EXTENSION_KIND = 'loan-extension'

/** The borrower's signature, drawn on the tablet, stored as a PNG attachment of the loan. */
export const SIGNATURE_ATTACHMENT = 'signature.png'

/**
 * Why a household may borrow a device. Eligibility is recorded, never documented: the staff
 * member who checked it says so; no scan or copy of a document is kept.
 */
export const ELIGIBILITY_BASES = ['verhoogde-tegemoetkoming', 'ocmw-doorverwijzing', 'inkomen-onder-grens', 'andere'] as const
export type EligibilityBasis = (typeof ELIGIBILITY_BASES)[number]

export const LOAN_LIMITS = { maxAgreement: 6000, maxMonths: 36 } as const

const text = (max: number) => v.pipe(v.string('invalidType'), v.trim(), v.minLength(1, 'required'), v.maxLength(max, 'tooLong'))
const ULID = '[0-9A-HJKMNP-TV-Z]{26}'

export const eligibilitySchema = v.pipe(
  // Strict: a field that is not listed here (a scan, an income figure) is refused, not kept.
  v.strictObject({
    basis: v.picklist(ELIGIBILITY_BASES, 'notAllowed'),
    reason: v.optional(v.pipe(v.string('invalidType'), v.trim(), v.maxLength(200, 'tooLong'))),
    referrer: v.optional(v.pipe(v.string('invalidType'), v.trim(), v.maxLength(80, 'tooLong'))),
    checkedBy: staffName,
    checkedOn: isoDate,
  }, 'notAllowed'),
  v.forward(v.check(e => e.basis !== 'andere' || (e.reason ?? '').length > 0, 'reasonRequired'), ['reason']),
  v.forward(v.check(e => e.basis !== 'ocmw-doorverwijzing' || (e.referrer ?? '').length > 0, 'referrerRequired'), ['referrer']),
)

export type Eligibility = v.InferOutput<typeof eligibilitySchema>

const attachments = v.pipe(
  v.record(v.string(), v.looseObject({ content_type: v.optional(v.string()) }), 'signatureRequired'),
  v.check(a => Object.keys(a).length === 1 && a[SIGNATURE_ATTACHMENT]?.content_type === 'image/png', 'signatureRequired'),
)

export const loanSchema = v.pipe(
  v.looseObject({
    ...baseRecordEntries,
    _id: v.pipe(v.string(), v.regex(LOAN_ID_PATTERN, 'invalidId')),
    kind: v.literal(LOAN_KIND, 'wrongKind'),
    assetTag,
    personId: v.pipe(v.string('invalidType'), v.regex(new RegExp(`^person:${ULID}$`), 'invalidId')),
    refurbishmentId: deviceEventIdSchema,
    eligibility: eligibilitySchema,
    accessories: accessoryList,
    condition: v.picklist(DEVICE_CONDITIONS, 'notAllowed'),
    conditionNote: v.optional(v.pipe(v.string('invalidType'), v.maxLength(300, 'tooLong'))),
    startDate: isoDate,
    endDate: isoDate,
    agreement: v.object({ version: text(40), text: text(LOAN_LIMITS.maxAgreement) }, 'required'),
    signedAt: isoTimestamp,
    // Only the signature may be attached: no scans of documents are stored with a loan.
    _attachments: attachments,
  }),
  v.forward(v.check(l => l.endDate > l.startDate, 'endBeforeStart'), ['endDate']),
  v.forward(v.check(l => l.endDate <= addMonths(l.startDate, LOAN_LIMITS.maxMonths), 'tooLong'), ['endDate']),
  v.forward(v.check(l => l.eligibility.checkedOn <= l.startDate, 'checkedAfterStart'), ['eligibility', 'checkedOn']),
  v.forward(v.check(l => l.refurbishmentId.startsWith(`device-event:${l.assetTag}:`), 'refurbishmentOfOtherDevice'), ['refurbishmentId']),
)

export type Loan = v.InferOutput<typeof loanSchema>

export function validateLoan(input: unknown): Validated<Loan> {
  return runSchema(loanSchema, input)
}

export const loanExtensionSchema = v.looseObject({
  ...baseRecordEntries,
  _id: v.pipe(v.string(), v.regex(new RegExp(`^loan-extension:${ULID}$`), 'invalidId')),
  kind: v.literal(LOAN_EXTENSION_KIND, 'wrongKind'),
  loanId: loanIdSchema,
  newEndDate: isoDate,
  reason: v.optional(v.pipe(v.string('invalidType'), v.maxLength(200, 'tooLong'))),
})

export type LoanExtension = v.InferOutput<typeof loanExtensionSchema>

export function validateLoanExtension(input: unknown): Validated<LoanExtension> {
  return runSchema(loanExtensionSchema, input)
}

/** `months` calendar months after a `YYYY-MM-DD` date; the 31st becomes the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

/** The date a loan ends: the latest extension wins, and an extension never shortens a loan. */
export function loanEndDate(loan: Pick<Loan, 'endDate'>, extensions: ReadonlyArray<Pick<LoanExtension, 'newEndDate'>>): string {
  return extensions.reduce((end, e) => (e.newEndDate > end ? e.newEndDate : end), loan.endDate)
}

/** A loan is overdue from the day after its end date until the device comes back. */
export function isOverdue(endDate: string, returned: boolean, today: string): boolean {
  return !returned && today > endDate
}

export interface LoanInput {
  assetTag: string
  personId: string
  refurbishmentId: string
  eligibility: { basis: string, reason?: string, referrer?: string, checkedBy: string, checkedOn: string }
  accessories: string[]
  condition: string
  conditionNote?: string
  startDate: string
  endDate: string
  agreement: { version: string, text: string }
  /** The signature PNG, base64 without the `data:` prefix. */
  signaturePng: string
  municipality: string
}

/** Builds the loan document, with the signature as its only attachment. */
export function buildLoan(input: LoanInput, stamp: { id: string, staff: string, now: string }): Validated<Loan> {
  const { reason, referrer, ...eligibility } = input.eligibility
  const conditionNote = input.conditionNote?.trim()
  if (input.signaturePng.length === 0)
    return { ok: false, issues: [{ path: '_attachments', code: 'signatureRequired' }] }
  return validateLoan({
    _id: stamp.id,
    kind: LOAN_KIND,
    schemaVersion: 1,
    createdAt: stamp.now,
    createdBy: stamp.staff,
    updatedAt: stamp.now,
    municipality: input.municipality,
    assetTag: input.assetTag,
    personId: input.personId,
    refurbishmentId: input.refurbishmentId,
    eligibility: { ...eligibility, ...(reason?.trim() ? { reason: reason.trim() } : {}), ...(referrer?.trim() ? { referrer: referrer.trim() } : {}) },
    accessories: input.accessories,
    condition: input.condition,
    ...(conditionNote ? { conditionNote } : {}),
    startDate: input.startDate,
    endDate: input.endDate,
    agreement: input.agreement,
    signedAt: stamp.now,
    _attachments: { [SIGNATURE_ATTACHMENT]: { content_type: 'image/png', data: input.signaturePng } },
  })
}

/**
 * An extension must move the end date later: `loanEndDate` ignores one that does not, so the form
 * says so instead of saving a fact that changes nothing.
 */
export function extensionIssue(currentEndDate: string, newEndDate: string): FieldIssue | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(newEndDate))
    return { path: 'newEndDate', code: 'required' }
  return newEndDate > currentEndDate ? null : { path: 'newEndDate', code: 'notAfterEnd' }
}
