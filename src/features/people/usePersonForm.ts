import { reactive, ref } from 'vue'
import { buildPerson, newId, type FieldIssue, type PersonInput } from '../../domain'
import type { PersonRow } from '../../stores/data'
import { usePeopleStore } from '../../stores/people'

/**
 * The "new resident" form: only what the walk-in service needs. Before saving, likely duplicates
 * are shown (the funder counts distinct residents, so a second record costs twice); the volunteer
 * picks the existing one or confirms that this is someone else.
 */
export function usePersonForm(municipality: () => string, initial: string) {
  const people = usePeopleStore()
  const [first = '', ...rest] = initial.trim().split(/\s+/)
  const values = reactive({
    firstName: first.replace(/^\d+$/, ''),
    lastName: rest.filter(w => !/^\d+$/.test(w)).join(' '),
    postcode: '',
    birthYear: '' as number | string,
    gender: '',
    language: '',
    targetGroups: [] as string[],
    devicesOwned: [] as string[],
    consent: false,
  })
  const issues = ref<FieldIssue[]>([])
  const duplicates = ref<PersonRow[]>([])
  const saving = ref(false)

  function toInput(): PersonInput {
    const year = values.birthYear === '' ? undefined : Number(values.birthYear)
    return {
      firstName: values.firstName,
      lastName: values.lastName,
      postcode: String(values.postcode),
      ...(year === undefined ? {} : { birthYear: year }),
      ...(values.gender ? { gender: values.gender } : {}),
      ...(values.language ? { language: values.language } : {}),
      targetGroups: [...values.targetGroups],
      devicesOwned: [...values.devicesOwned],
      consent: values.consent,
    }
  }

  function issueFor(field: string): FieldIssue | undefined {
    return issues.value.find(i => i.path === field || i.path.startsWith(`${field}.`))
  }

  /** Resolves to the new resident's id, or null while there are errors or duplicates to look at. */
  async function submit(anyway = false): Promise<string | null> {
    const input = toInput()
    const check = buildPerson(input, municipality(), { id: newId('person'), staff: 'check', now: new Date().toISOString() })
    issues.value = check.ok ? [] : check.issues
    if (!check.ok)
      return null
    if (!anyway) {
      duplicates.value = await people.findDuplicates({ firstName: input.firstName, lastName: input.lastName, postcode: input.postcode, birthYear: input.birthYear })
      if (duplicates.value.length)
        return null
    }
    saving.value = true
    try {
      const result = await people.create(input, municipality())
      issues.value = result.ok ? [] : result.issues
      return result.ok ? result.value._id : null
    }
    finally {
      saving.value = false
    }
  }

  return { values, issues, duplicates, saving, issueFor, submit }
}
