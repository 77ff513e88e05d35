import { profileFromCtx, type StaffProfile } from '../../../src/domain'
import { SIGNATURE_PNG } from '../../factories/loan'
import type { HandoverInput } from '../../../src/data'

/** The profile the server gives a lender of Arendonk. */
export function lender(name = 'lena', municipality = 'arendonk'): StaffProfile {
  return profileFromCtx({ name, roles: ['lender', `m:${municipality}`] })!
}

/** A complete handover form for `tag`, for a borrower (a `person:` id). */
export function handoverInput(tag: string, personId: string, over: Partial<HandoverInput> = {}): HandoverInput {
  return {
    assetTag: tag,
    personId,
    eligibility: { basis: 'verhoogde-tegemoetkoming', checkedBy: 'lena', checkedOn: '2026-01-10' },
    accessories: ['lader'],
    condition: 'goed',
    startDate: '2026-01-10',
    endDate: '2027-01-10',
    agreement: { version: 'standaard-nl-1', text: 'De ontlener gebruikt het toestel zorgvuldig.' },
    signaturePng: SIGNATURE_PNG,
    ...over,
  }
}
