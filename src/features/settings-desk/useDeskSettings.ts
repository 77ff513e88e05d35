import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Validated } from '../../domain'
import { useDeskConfigStore } from '../../stores/desk-config'

/**
 * What the coordinator's desk screen shares between its parts: the live configuration, one save at
 * a time, and one line saying what happened (read out by screen readers, as a status).
 */
export function useDeskSettings() {
  const config = useDeskConfigStore()
  config.follow()
  const { t } = useI18n()
  const saving = ref(false)
  const status = ref('')
  const problem = ref('')

  /** Runs a save; returns the issue code of a refused one (for the form), or null when it was saved. */
  async function run(name: string, save: () => Promise<Validated<unknown>>): Promise<string | null> {
    if (saving.value)
      return 'busy'
    saving.value = true
    status.value = ''
    problem.value = ''
    try {
      const result = await save()
      if (!result.ok)
        return result.issues[0]?.code ?? 'failed'
      status.value = t('desk.config.saved', { name })
      return null
    }
    catch {
      problem.value = t('desk.config.failed')
      return 'failed'
    }
    finally {
      saving.value = false
    }
  }

  /** The message for a refused name; other refusals are shown as "not saved". */
  function nameError(code: string | null): string | undefined {
    if (code === null || code === 'busy')
      return undefined
    return code === 'required' || code === 'tooLong' ? t(`desk.config.${code}`) : t('desk.config.failed')
  }

  return { config, saving, status, problem, run, nameError }
}
