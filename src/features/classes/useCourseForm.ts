import { reactive, ref } from 'vue'
import type { FieldIssue } from '../../domain'
import { useAuthStore } from '../../stores/auth'
import { useClassesStore } from '../../stores/classes'

/** State and submit of the "new course" form: the course and its weekly sessions in one step. */
export function useCourseForm() {
  const auth = useAuthStore()
  const classes = useClassesStore()
  const values = reactive({
    title: '', topic: 'smartphone', level: 'starter',
    municipality: auth.profile?.municipalities[0] ?? '', location: '', partner: '',
    trainers: auth.coordinator ? '' : auth.profile?.name ?? '',
    capacity: 10 as number | string, firstDate: '', count: 6 as number | string, start: '09:30', end: '11:30',
  })
  const issues = ref<FieldIssue[]>([])
  const saving = ref(false)

  /** Resolves to the new course's id once it is stored on this device, or null with `issues` set. */
  async function submit(): Promise<string | null> {
    saving.value = true
    try {
      const result = await classes.createCourse(
        { ...values, trainers: values.trainers.split(','), capacity: Number(values.capacity) },
        { firstDate: values.firstDate, count: Number(values.count), start: values.start, end: values.end },
      )
      issues.value = result.ok ? [] : result.issues
      return result.ok ? result.value.course._id : null
    }
    finally {
      saving.value = false
    }
  }

  return { values, issues, saving, submit }
}
