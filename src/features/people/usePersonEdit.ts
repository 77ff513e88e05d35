import { reactive, ref } from 'vue'
import { revisePerson, type FieldIssue, type Person, type PersonInput } from '../../domain'
import type { PersonRow } from '../../stores/data'
import { usePeopleStore } from '../../stores/people'

/**
 * Changing a resident's details at the desk: the same fields as a registration plus the optional
 * contact details, checked with the same domain rule, and the same duplicate warning (a renamed
 * resident may now match someone already registered).
 */
export function usePersonEdit(id: string) {
  const people = usePeopleStore()
  const stored = ref<Person | null>(null)
  const missing = ref(false)
  const values = reactive({
    firstName: '', lastName: '', postcode: '', birthYear: '' as number | string, gender: '', language: '',
    targetGroups: [] as string[], devicesOwned: [] as string[], phone: '', email: '', address: '',
  })
  const issues = ref<FieldIssue[]>([])
  const duplicates = ref<PersonRow[]>([])
  const saving = ref(false)

  void people.get(id).then((person) => {
    stored.value = person
    missing.value = person === null
    if (person) {
      Object.assign(values, { firstName: person.firstName, lastName: person.lastName, postcode: person.postcode, birthYear: person.birthYear ?? '', gender: person.gender ?? '', language: person.language ?? '' })
      Object.assign(values, { targetGroups: [...person.targetGroups], devicesOwned: [...person.devicesOwned], phone: person.phone ?? '', email: person.email ?? '', address: person.address ?? '' })
    }
  })

  function toInput(): PersonInput {
    const year = values.birthYear === '' ? undefined : Number(values.birthYear)
    const { birthYear: _b, gender, language, targetGroups, devicesOwned, ...rest } = values
    return {
      ...rest,
      postcode: String(values.postcode),
      ...(year === undefined ? {} : { birthYear: year }),
      ...(gender ? { gender } : {}),
      ...(language ? { language } : {}),
      targetGroups: [...targetGroups],
      devicesOwned: [...devicesOwned],
      consent: true,
    }
  }

  const issueFor = (field: string) => issues.value.find(i => i.path === field || i.path.startsWith(`${field}.`))

  /** Resolves to true once saved; false while there are errors or duplicates to look at. */
  async function submit(anyway = false): Promise<boolean> {
    if (!stored.value)
      return false
    const input = toInput()
    // Only a check of the fields: the store writes the revision, stamped with the signed-in writer.
    const check = revisePerson(stored.value, input, new Date().toISOString(), stored.value.createdBy)
    issues.value = check.ok ? [] : check.issues
    if (!check.ok)
      return false
    if (!anyway) {
      duplicates.value = await people.findDuplicates({ firstName: input.firstName, lastName: input.lastName, postcode: input.postcode, birthYear: input.birthYear }, id)
      if (duplicates.value.length)
        return false
    }
    saving.value = true
    try {
      const result = await people.update(id, input)
      issues.value = result.ok ? [] : result.issues
      return result.ok
    }
    finally {
      saving.value = false
    }
  }

  return { values, missing, issues, duplicates, saving, issueFor, submit }
}
