import { nextTick, onUnmounted, ref, watch } from 'vue'
import { helpSessionInput } from '../../domain'
import { newSessionDraftKey } from '../../start-snapshot'
import type { DraftRecord } from '../../stores/data'
import { useAuthStore } from '../../stores/auth'
import { useDraftsStore } from '../../stores/drafts'
import { useSessionsStore } from '../../stores/sessions'
import type { SessionFormValues } from './useSessionForm'

/** How long typing must pause before the draft is written: often enough to lose at most a word. */
const PAUSE_MS = 400

/**
 * Keeps the form as a draft on this device while the volunteer types, so a reload or a crashed tab
 * loses nothing. A draft found on opening is offered back (not applied silently: it may be an
 * older, abandoned visit), and nothing is written over it until the volunteer chose. For an edit,
 * the stored session is loaded first.
 */
export function useSessionDraft(values: SessionFormValues, editId?: string) {
  const auth = useAuthStore()
  const drafts = useDraftsStore()
  const staff = auth.profile?.name ?? ''
  const key = editId ? `session-edit:${editId}:${staff}` : newSessionDraftKey(staff)
  const offer = ref<DraftRecord | null>(null)
  const missing = ref(false)
  const savedAt = ref<string | null>(null)
  let armed = false
  let dirty = false
  let done = false
  let timer: ReturnType<typeof setTimeout> | undefined

  function schedule(): void {
    if (!armed || done || !dirty)
      return
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (!done)
        void drafts.save(key, staff, values).then(() => { savedAt.value = new Date().toISOString() })
    }, PAUSE_MS)
  }

  const start = (async () => {
    if (editId) {
      const stored = await useSessionsStore().get(editId)
      if (!stored)
        missing.value = true
      else
        Object.assign(values, fromStored(stored))
      // Loading the stored session is not an edit: no draft until the volunteer changes something.
      await nextTick()
      dirty = false
    }
    offer.value = await drafts.get(key)
    armed = offer.value === null
    // Typing that happened while the stored draft was being looked up is kept too.
    schedule()
  })()

  watch(() => JSON.stringify(values), () => {
    dirty = true
    schedule()
  })
  // Leaving the page mid-pause still keeps the last words typed.
  onUnmounted(() => {
    clearTimeout(timer)
    if (armed && dirty && !done)
      void drafts.save(key, staff, values)
    done = true
  })

  function resume(): void {
    if (offer.value)
      Object.assign(values, offer.value.values as Partial<SessionFormValues>)
    offer.value = null
    armed = true
    dirty = true
    schedule()
  }

  async function discard(): Promise<void> {
    offer.value = null
    armed = true
    await drafts.discard(key)
  }

  /** The record is saved: the draft goes, and no late keystroke timer brings it back. */
  async function finish(): Promise<void> {
    done = true
    clearTimeout(timer)
    await drafts.discard(key)
  }

  return { offer, missing, savedAt, ready: start, resume, discard, finish }
}

function fromStored(stored: Parameters<typeof helpSessionInput>[0]): Partial<SessionFormValues> {
  const input = helpSessionInput(stored)
  return {
    location: input.location,
    personId: input.personId,
    anonymous: input.personId === null,
    categories: input.categories,
    helpMode: input.helpMode,
    outcome: input.outcome,
    referral: input.referral ?? '',
    followUpNeeded: input.followUp !== undefined,
    followUp: input.followUp ?? '',
    durationMinutes: input.durationMinutes,
    startedAt: input.startedAt ?? stored.startedAt,
    note: input.note ?? '',
  }
}
