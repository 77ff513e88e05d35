import { onBeforeUnmount, reactive, ref, watch } from 'vue'
import { DEFAULT_LOAN_MONTHS, localDay, addMonths, type AppSettings, type FieldIssue } from '../../domain'
import lendingTexts from '../../i18n/features/lending'
import { useAppSettingsStore } from '../../stores/app-settings'

/** The app's own agreement text per language, shown while no coordinator wrote one. */
export const STANDARD_AGREEMENT = {
  nl: lendingTexts.nl.give.defaultAgreement,
  fr: lendingTexts.fr.give.defaultAgreement,
  en: lendingTexts.en.give.defaultAgreement,
}

function formValues(s: AppSettings) {
  const today = localDay(new Date())
  return {
    idleMinutes: String(s.idleMinutes),
    periodType: s.loanPeriod.type,
    months: String(s.loanPeriod.type === 'months' ? s.loanPeriod.months : DEFAULT_LOAN_MONTHS),
    until: s.loanPeriod.type === 'until' ? s.loanPeriod.until : addMonths(today, DEFAULT_LOAN_MONTHS),
    nl: s.agreement?.nl ?? STANDARD_AGREEMENT.nl,
    fr: s.agreement?.fr ?? STANDARD_AGREEMENT.fr,
    en: s.agreement?.en ?? STANDARD_AGREEMENT.en,
  }
}

/**
 * State and submit of the settings screen. The form starts from the settings in effect and takes
 * them again when another coordinator's change arrives, unless this one is editing.
 */
export function useAppSettingsForm() {
  const store = useAppSettingsStore()
  onBeforeUnmount(store.follow())
  const values = reactive(formValues(store.settings))
  const dirty = ref(false)
  const saving = ref(false)
  const issues = ref<FieldIssue[]>([])
  const outcome = ref<'saved' | 'failed' | 'invalid' | null>(null)
  // Only the coordinator's own typing makes the form dirty, not a change taken from elsewhere.
  let applying = false
  watch(() => store.settings, (s) => {
    if (dirty.value)
      return
    applying = true
    Object.assign(values, formValues(s))
    applying = false
  })
  watch(values, () => {
    if (!applying)
      dirty.value = true
  }, { flush: 'sync' })

  async function submit(): Promise<boolean> {
    saving.value = true
    outcome.value = null
    try {
      // Texts equal to the app's own are stored as "no own text", so a later app text reaches them.
      const standard = values.nl === STANDARD_AGREEMENT.nl && values.fr === STANDARD_AGREEMENT.fr && values.en === STANDARD_AGREEMENT.en
      const result = await store.save({
        idleMinutes: Number(values.idleMinutes),
        loanPeriod: values.periodType === 'until' ? { type: 'until', until: values.until } : { type: 'months', months: Number(values.months) },
        agreement: standard ? null : { nl: values.nl, fr: values.fr, en: values.en },
      })
      issues.value = result.ok ? [] : result.issues
      outcome.value = result.ok ? 'saved' : 'invalid'
      dirty.value = !result.ok
      return result.ok
    }
    catch {
      outcome.value = 'failed'
      return false
    }
    finally {
      saving.value = false
    }
  }

  return { store, values, saving, issues, outcome, submit }
}
