import { onUnmounted, ref, watch } from 'vue'
import type { Borrower, DeviceDetail, LoanView } from '../../data'
import { useLendingStore } from '../../stores/lending'

/**
 * What the loan page shows, followed live: the loan, its device, the borrower and the signature (an
 * object URL, revoked when the page closes).
 */
export function useLoanPage(loanId: () => string) {
  const lending = useLendingStore()
  const loan = ref<LoanView | null>(null)
  const device = ref<DeviceDetail | null>(null)
  const borrower = ref<Borrower | null>(null)
  const signatureUrl = ref<string | null>(null)
  let stop: (() => void) | null = null
  // Bumped when the page shows another loan or closes: an answer that arrives later is dropped, and
  // nothing more is asked of a data layer that may be gone.
  let shown = 0

  watch(loanId, (id) => {
    stop?.()
    const mine = ++shown
    stop = lending.api().watchLoan(id, async (next) => {
      loan.value = next
      if (!next)
        return
      const d = await lending.api().device(next.assetTag)
      if (mine !== shown)
        return
      device.value = d
      const b = await lending.borrower(next.personId)
      if (mine !== shown)
        return
      borrower.value = b
      const blob = signatureUrl.value ? null : await lending.api().signature(next.id)
      if (blob && mine === shown)
        signatureUrl.value = URL.createObjectURL(blob)
    })
  }, { immediate: true })
  onUnmounted(() => {
    shown += 1
    stop?.()
    if (signatureUrl.value)
      URL.revokeObjectURL(signatureUrl.value)
  })

  return { loan, device, borrower, signatureUrl }
}
