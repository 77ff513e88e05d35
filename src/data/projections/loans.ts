import { LOAN_EXTENSION_KIND, LOAN_KIND, SIGNATURE_ATTACHMENT, validateLoan, validateLoanExtension } from '../../domain'
import type { LoanExtensionRecord, LoanRecord } from '../lending/rows'
import type { Projection } from './types'

/**
 * Loans by device, by borrower and by end date (the overdue list). The signature stays an
 * attachment in PouchDB; the row only says whether there is one.
 */
export const loanProjection: Projection<LoanRecord> = {
  table: 'loans',
  indexes: 'id, db, assetTag, personId, endDate',
  toRow(db, doc) {
    if (doc.kind !== LOAN_KIND)
      return null
    const result = validateLoan(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid loan; not listed`)
      return null
    }
    const l = result.value
    const conflicts = doc._conflicts
    return {
      id: l._id,
      db,
      assetTag: l.assetTag,
      personId: l.personId,
      refurbishmentId: l.refurbishmentId,
      eligibilityBasis: l.eligibility.basis,
      ...(l.eligibility.referrer ? { eligibilityReferrer: l.eligibility.referrer } : {}),
      eligibilityCheckedBy: l.eligibility.checkedBy,
      eligibilityCheckedOn: l.eligibility.checkedOn,
      accessories: [...l.accessories],
      condition: l.condition,
      ...(l.conditionNote ? { conditionNote: l.conditionNote } : {}),
      startDate: l.startDate,
      endDate: l.endDate,
      agreementVersion: l.agreement.version,
      agreementText: l.agreement.text,
      signedAt: l.signedAt,
      signed: l._attachments[SIGNATURE_ATTACHMENT] !== undefined,
      municipality: l.municipality,
      createdBy: l.createdBy,
      conflicted: Array.isArray(conflicts) && conflicts.length > 0,
    }
  },
}

/** Extensions, read per loan; the loan's end date is the latest of them. */
export const loanExtensionProjection: Projection<LoanExtensionRecord> = {
  table: 'loanExtensions',
  indexes: 'id, db, loanId',
  toRow(db, doc) {
    if (doc.kind !== LOAN_EXTENSION_KIND)
      return null
    const result = validateLoanExtension(doc)
    if (!result.ok) {
      console.warn(`read model: ${String(doc._id)} in ${db} is not a valid loan extension; not listed`)
      return null
    }
    const x = result.value
    return { id: x._id, db, loanId: x.loanId, newEndDate: x.newEndDate, ...(x.reason ? { reason: x.reason } : {}), createdBy: x.createdBy, createdAt: x.createdAt }
  },
}
