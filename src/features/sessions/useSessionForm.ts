import { computed, reactive, ref } from 'vue'
import { buildHelpSession, DEFAULT_LOCATIONS, newId, type FieldIssue, type HelpSessionInput } from '../../domain'
import { useAuthStore } from '../../stores/auth'
import { useSessionsStore } from '../../stores/sessions'

export type SessionField = 'location' | 'category' | 'outcome' | 'durationMinutes' | 'note'

const CHOICES: readonly string[] = ['location', 'category', 'outcome']

/** State and submit of the "new help session" form. */
export function useSessionForm() {
  const auth = useAuthStore()
  const sessions = useSessionsStore()

  /** Only the rooms of the volunteer's own municipalities: the server refuses any other. */
  const locations = computed(() => DEFAULT_LOCATIONS.filter(l => auth.profile?.municipalities.includes(l.municipality) ?? false))
  const initialLocation = locations.value.find(l => l.id === sessions.lastLocation)?.id ?? locations.value[0]?.id ?? ''

  const values = reactive({
    location: initialLocation,
    category: '',
    outcome: '',
    // A number input gives a number, or '' while it is empty or unreadable.
    durationMinutes: '' as number | string,
    note: '',
  })
  const issues = ref<FieldIssue[]>([])
  const saving = ref(false)

  function toInput(): HelpSessionInput {
    const duration = values.durationMinutes
    return {
      location: values.location,
      category: values.category,
      outcome: values.outcome,
      durationMinutes: duration === '' ? Number.NaN : Number(duration),
      note: values.note,
    }
  }

  /** Puts an issue on the field the person filled in, and says "required" when it was left empty. */
  function forForm(issue: FieldIssue): FieldIssue {
    const path = issue.path === 'municipality' ? 'location' : issue.path
    const value = (values as Record<string, unknown>)[path]
    if (value !== '')
      return { ...issue, path }
    return { path, code: CHOICES.includes(path) ? 'choose' : 'required' }
  }

  /**
   * Checks the input with the same domain schema the data layer and the server apply. The stamp
   * is a stand-in: only the fields the person filled in can fail here.
   */
  function check(input: HelpSessionInput): FieldIssue[] {
    const stamp = { id: newId('session'), staff: auth.profile?.name ?? '', now: new Date().toISOString() }
    const result = buildHelpSession(input, stamp)
    return result.ok ? [] : result.issues.map(forForm)
  }

  function issueFor(field: SessionField): FieldIssue | undefined {
    return issues.value.find(i => i.path === field)
  }

  /** Validates and saves; resolves to true once the session is stored on this device. */
  async function submit(): Promise<boolean> {
    const input = toInput()
    issues.value = check(input)
    if (issues.value.length)
      return false
    saving.value = true
    try {
      const result = await sessions.create(input)
      issues.value = result.ok ? [] : result.issues.map(forForm)
      return result.ok
    }
    finally {
      saving.value = false
    }
  }

  return { locations, values, issues, saving, issueFor, submit }
}
