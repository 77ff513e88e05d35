import { computed, onUnmounted, reactive, ref, watch } from 'vue'
import { buildHelpSession, HELP_SESSION_LIMITS, newId, type FieldIssue, type HelpSessionInput } from '../../domain'
import { useAuthStore } from '../../stores/auth'
import { useDeskConfigStore } from '../../stores/desk-config'
import { useSessionsStore } from '../../stores/sessions'
import { useSessionDraft } from './useSessionDraft'

export type SessionField = 'location' | 'personId' | 'categories' | 'helpMode' | 'outcome' | 'referral' | 'followUp' | 'durationMinutes' | 'note' | 'startedAt'

/** What the form holds; plain JSON, so a draft can keep it as it is. */
export interface SessionFormValues {
  location: string
  personId: string | null
  anonymous: boolean
  categories: string[]
  helpMode: string
  outcome: string
  referral: string
  followUpNeeded: boolean
  followUp: string
  /** A number input gives a number, or '' while empty: then the running timer counts. */
  durationMinutes: number | string
  startedAt: string
  note: string
}

const CHOICES: readonly string[] = ['location', 'categories', 'helpMode', 'outcome', 'referral']

/** Minutes since `startedAt`, rounded up, within the domain's limits: the running timer. */
export function elapsedMinutes(startedAt: string, now: number): number {
  const minutes = Math.ceil((now - Date.parse(startedAt)) / 60_000)
  return Math.min(HELP_SESSION_LIMITS.maxDuration, Math.max(HELP_SESSION_LIMITS.minDuration, minutes))
}

/**
 * State, draft and submit of the help-session form, new or edit. The session starts when the form
 * opens (the volunteer taps "new" as the resident sits down), so the start time and the duration
 * need no typing unless the volunteer logs afterwards.
 */
export function useSessionForm(editId?: string) {
  const auth = useAuthStore()
  const sessions = useSessionsStore()
  const config = useDeskConfigStore()
  config.follow()

  const locations = computed(() => config.myLocations)
  const values = reactive<SessionFormValues>({
    location: locations.value.find(l => l.id === sessions.lastLocation)?.id ?? locations.value[0]?.id ?? '',
    personId: null,
    anonymous: false,
    categories: [],
    helpMode: 'samen-gedaan',
    outcome: '',
    referral: '',
    followUpNeeded: false,
    followUp: '',
    durationMinutes: '',
    startedAt: new Date().toISOString(),
    note: '',
  })
  const opened = JSON.stringify({ ...values, startedAt: '' })
  /** Nothing chosen or typed since the form opened (the start time is the form's own). */
  const untouched = () => JSON.stringify({ ...values, startedAt: '' }) === opened
  const issues = ref<FieldIssue[]>([])
  const saving = ref(false)
  const now = ref(Date.now())
  const tick = setInterval(() => {
    now.value = Date.now()
  }, 15_000)
  onUnmounted(() => clearInterval(tick))
  const timerMinutes = computed(() => elapsedMinutes(values.startedAt, now.value))
  const draft = useSessionDraft(values, editId)

  function toInput(): HelpSessionInput {
    const duration = values.durationMinutes === '' ? elapsedMinutes(values.startedAt, Date.now()) : Number(values.durationMinutes)
    return {
      location: values.location,
      personId: values.anonymous ? null : values.personId,
      categories: [...values.categories],
      helpMode: values.helpMode,
      outcome: values.outcome,
      ...(values.referral ? { referral: values.referral } : {}),
      ...(values.followUpNeeded ? { followUp: values.followUp } : {}),
      durationMinutes: duration,
      note: values.note,
      startedAt: values.startedAt,
    }
  }

  /** Puts an issue on the field the person filled in, and says "choose" when it was left empty. */
  function forForm(issue: FieldIssue): FieldIssue {
    const path = issue.path === 'municipality' ? 'location' : issue.path.split('.')[0]!
    const value = (values as unknown as Record<string, unknown>)[path]
    const empty = value === '' || (Array.isArray(value) && value.length === 0)
    return empty && CHOICES.includes(path) ? { path, code: 'choose' } : { ...issue, path }
  }

  /** The same domain schema the data layer and the server apply; the stamp is a stand-in. */
  function check(input: HelpSessionInput): FieldIssue[] {
    const result = buildHelpSession(input, { id: newId('session'), staff: auth.profile?.name ?? '', now: new Date().toISOString() })
    const found = result.ok ? [] : result.issues.map(forForm)
    if (!values.anonymous && !values.personId)
      found.unshift({ path: 'personId', code: 'residentRequired' })
    return found
  }

  function issueFor(field: SessionField): FieldIssue | undefined {
    return issues.value.find(i => i.path === field)
  }

  // A field's error goes away as soon as the volunteer changes that field.
  watch(() => JSON.stringify(values), () => {
    if (issues.value.length)
      issues.value = issues.value.filter(i => check(toInput()).some(j => j.path === i.path))
  })

  /** Validates and saves; resolves to true once the session is stored on this device. */
  async function submit(): Promise<boolean> {
    const input = toInput()
    issues.value = check(input)
    if (issues.value.length)
      return false
    saving.value = true
    try {
      const result = editId ? await sessions.update(editId, input) : await sessions.create(input)
      issues.value = result.ok ? [] : result.issues.map(forForm)
      if (result.ok)
        await draft.finish()
      return result.ok
    }
    finally {
      saving.value = false
    }
  }

  return { locations, values, issues, saving, timerMinutes, draft, untouched, issueFor, submit }
}
