import { buildLoan, newId, type Loan, type LoanInput } from '../../src/domain'

/** A 1×1 transparent PNG, standing in for a drawn signature. */
export const SIGNATURE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** What the handover form holds: eligible through increased allowance, 12 months, charger included. */
export function makeLoanInput(overrides: Partial<LoanInput> & Pick<LoanInput, 'assetTag' | 'refurbishmentId'>): LoanInput {
  return {
    personId: newId('person'),
    eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: '2026-01-10' },
    accessories: ['lader'],
    condition: 'goed',
    startDate: '2026-01-10',
    endDate: '2027-01-10',
    agreement: { version: 'standaard-nl-1', text: 'De ontlener gebruikt het toestel zorgvuldig en brengt het terug op de einddatum.' },
    signaturePng: SIGNATURE_PNG,
    municipality: 'arendonk',
    ...overrides,
  }
}

/** A valid loan document with its signature attachment. Throws when the overrides make it invalid. */
export function makeLoan(overrides: Partial<LoanInput> & Pick<LoanInput, 'assetTag' | 'refurbishmentId'> & { staff?: string, id?: string, now?: string }): Loan {
  const { staff = 'lena', id, now = '2026-01-10T10:00:00.000Z', ...input } = overrides
  const result = buildLoan(makeLoanInput(input), { id: id ?? newId('loan', Date.parse(now)), staff, now })
  if (!result.ok)
    throw new Error(`makeLoan: invalid overrides: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}
