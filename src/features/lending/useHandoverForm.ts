import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import type { Borrower, DeviceDetail } from '../../data'
import { agreementTextFor, agreementVersionFor, defaultLoanEnd, handoverRefusal, loanPhoneIssue, localDay, normaliseAssetTag, type AppSettings, type FieldIssue } from '../../domain'
import { useAppSettingsStore } from '../../stores/app-settings'
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
    startDate: today, endDate: '', agreementText: '',
  })
  // The end date and the agreement text come from the coordinators' settings (or the defaults);
  // settings arriving a moment later replace them only while the lender has not changed them.
  const settings = useAppSettingsStore()
  onBeforeUnmount(settings.follow())
  const fromSettings = (s: AppSettings) => ({ endDate: defaultLoanEnd(s.loanPeriod, today), agreementText: agreementTextFor(s.agreement, locale.value) ?? t('lending.give.defaultAgreement') })
  let offered = fromSettings(settings.settings)
  Object.assign(values, offered)
  watch(() => [settings.settings, locale.value] as const, ([s]) => {
    const next = fromSettings(s)
    if (values.endDate === offered.endDate)
      values.endDate = next.endDate
    if (values.agreementText === offered.agreementText)
      values.agreementText = next.agreementText
    offered = next
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
        agreement: { version: agreementVersionFor(settings.settings.agreement, locale.value), text: values.agreementText },
        signaturePng: signature.value,
      }, lending.staff())
      issues.value = result.ok ? [] : result.issues
      if (!result.ok)
        return null
      const contact = await lending.api().saveLoanPhone(result.value.personId, phone.value, lending.staff())
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
