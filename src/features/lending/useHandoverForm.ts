import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import type { Borrower, DeviceDetail } from '../../data'
import { addMonths, DEFAULT_LOAN_MONTHS, handoverRefusal, loanPhoneIssue, localDay, normaliseAssetTag, type FieldIssue } from '../../domain'
import { useLendingStore } from '../../stores/lending'

/**
 * State and submit of the handover. The device is looked up as the tag is typed or scanned, and
 * the same refusal the data layer and the fold apply (`handoverRefusal`) is shown before anyone
 * fills in the rest.
 */
export function useHandoverForm() {
  const { t, locale } = useI18n()
  const lending = useLendingStore()
  const today = localDay(new Date())
  const tag = ref(String(useRoute().query.toestel ?? ''))
  const device = ref<DeviceDetail | null>(null)
  const borrower = ref<Borrower | null>(null)
  const signature = ref('')
  const phone = ref('')
  const issues = ref<FieldIssue[]>([])
  const saving = ref(false)
  const values = reactive({
    basis: '', reason: '', referrer: '', checkedOn: today, accessories: [] as string[], condition: 'goed', conditionNote: '',
    startDate: today, endDate: addMonths(today, DEFAULT_LOAN_MONTHS), agreementText: t('lending.give.defaultAgreement'),
  })

  watch(tag, async (raw) => {
    const normalised = normaliseAssetTag(raw)
    device.value = normalised.length >= 2 ? await lending.api().device(normalised) : null
    values.accessories = device.value ? [...device.value.device.accessories] : []
  }, { immediate: true })

  const refusal = computed(() => {
    if (normaliseAssetTag(tag.value).length < 2)
      return null
    return device.value ? handoverRefusal(device.value.device.state) : 'unknownDevice'
  })

  async function submit(): Promise<string | null> {
    if (refusal.value)
      return null
    // The phone is checked before anything is written, and stored only once the loan is.
    const phoneIssue = borrower.value ? loanPhoneIssue(phone.value) : null
    if (phoneIssue) {
      issues.value = [phoneIssue]
      return null
    }
    saving.value = true
    try {
      const result = await lending.api().handOver({
        assetTag: normaliseAssetTag(tag.value),
        personId: borrower.value?.id ?? '',
        eligibility: { basis: values.basis, reason: values.reason, referrer: values.referrer, checkedBy: lending.staff().name, checkedOn: values.checkedOn },
        accessories: values.accessories,
        condition: values.condition,
        conditionNote: values.conditionNote,
        startDate: values.startDate,
        endDate: values.endDate,
        agreement: { version: `standaard-${locale.value}-1`, text: values.agreementText },
        signaturePng: signature.value,
      }, lending.staff())
      issues.value = result.ok ? [] : result.issues
      if (!result.ok)
        return null
      const contact = await lending.api().saveLoanPhone(result.value.personId, phone.value)
      if (!contact.ok)
        issues.value = contact.issues
      return result.value._id
    }
    finally {
      saving.value = false
    }
  }

  return { tag, device, borrower, phone, signature, values, issues, saving, refusal, submit }
}
