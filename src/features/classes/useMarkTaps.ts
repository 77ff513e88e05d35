import { computed, ref, watch, type Ref } from 'vue'
import { nextAttendanceStatus, type AttendanceStatus } from '../../domain'
import { useClassesStore, type RollCallEntry } from '../../stores/classes'

/**
 * Taps on one roll-call card. The stored mark reaches the screen a moment after it is written
 * (through the read model), so a quick second tap must count on from the first one, not from
 * the status still shown: the tapped status is shown at once, and the writes go one after the other.
 */
export function useMarkTaps(sessionId: () => string, entry: () => RollCallEntry) {
  const classes = useClassesStore()
  const tapped: Ref<AttendanceStatus | null> = ref(null)
  let queue: Promise<unknown> = Promise.resolve()
  watch(() => entry().status, (stored) => {
    if (stored === tapped.value)
      tapped.value = null
  })

  function tap(): void {
    const next = nextAttendanceStatus(tapped.value ?? entry().status)
    tapped.value = next
    const { personId } = entry()
    queue = queue
      .then(() => classes.mark(sessionId(), personId, { status: next }))
      .catch((err: unknown) => {
        tapped.value = null
        console.error('could not store the mark', err)
      })
  }

  return { status: computed(() => tapped.value ?? entry().status), tap }
}
