import type { StaffProfile } from './access'
import type { MunicipalitySlug } from './municipalities'

/**
 * Rules that span the lending records. The lending database is shared by the whole Digibank, but
 * every record still names a municipality: the server lets a lender write only for their own.
 */

/** Default loan period in months, until a coordinator sets another in the configuration. */
export const DEFAULT_LOAN_MONTHS = 12

/**
 * The municipality a lender's record is stamped with: the device's own when the staff member works
 * there, otherwise the first one of the staff member (a coordinator may use any).
 */
export function lendingMunicipality(staff: Pick<StaffProfile, 'municipalities'>, preferred?: string): MunicipalitySlug | '' {
  const own = staff.municipalities
  const match = own.find(m => m === preferred)
  return match ?? own[0] ?? ''
}

/** Today as a local calendar day `YYYY-MM-DD` (the loan dates are calendar days). */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
