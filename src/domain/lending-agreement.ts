import type { Accessory, Device } from './device'
import type { Loan } from './loan'

/**
 * What the printed loan agreement must show, gathered in one place so the print page cannot
 * forget a part: both parties, the device with its serial number, the accessories that went out,
 * the loan period, the agreement text exactly as it was signed, and whether a signature exists.
 */
export interface AgreementContent {
  borrowerName: string
  lenderName: string
  device: { assetTag: string, description: string, serial: string }
  accessories: Accessory[]
  startDate: string
  endDate: string
  agreementVersion: string
  agreementText: string
  signedAt: string
  signed: boolean
  loanId: string
}

export interface AgreementParties {
  borrower: { firstName: string, lastName: string }
  /** The staff member who handed the device over (the loan's author). */
  lenderName: string
}

export function agreementContent(
  loan: Pick<Loan, '_id' | 'assetTag' | 'accessories' | 'startDate' | 'endDate' | 'agreement' | 'signedAt'> & { _attachments?: Record<string, unknown> },
  device: Pick<Device, 'assetTag' | 'brand' | 'model' | 'serial'>,
  parties: AgreementParties,
  endDate: string = loan.endDate,
): AgreementContent {
  if (device.assetTag !== loan.assetTag)
    throw new Error('agreementContent: the device is not the one on the loan')
  return {
    borrowerName: `${parties.borrower.firstName} ${parties.borrower.lastName}`.trim(),
    lenderName: parties.lenderName,
    device: { assetTag: device.assetTag, description: `${device.brand} ${device.model}`, serial: device.serial },
    accessories: [...loan.accessories] as Accessory[],
    startDate: loan.startDate,
    endDate,
    agreementVersion: loan.agreement.version,
    agreementText: loan.agreement.text,
    signedAt: loan.signedAt,
    signed: loan._attachments?.['signature.png'] !== undefined,
    loanId: loan._id,
  }
}
